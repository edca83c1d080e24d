namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>A theory that needs root (to create test users): skipped, with <see cref="TestUser.SkipReason"/> as the message, otherwise.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (TestUser.SkipReason is { } why)
        {
            Skip = why;
        }
    }
}
