namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>A fact that needs root (to create test users): skipped, with <see cref="TestUser.SkipReason"/> as the message, otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (TestUser.SkipReason is { } why)
        {
            Skip = why;
        }
    }
}
