namespace OpenMosixBatch.Shepherd.Tests;

/// <summary>A fact that switches identities, which only root can: skipped otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "switching to another user needs root";
        }
    }
}
