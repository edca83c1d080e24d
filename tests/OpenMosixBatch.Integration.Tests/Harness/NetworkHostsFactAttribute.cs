namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>A fact that needs <see cref="NetworkHosts"/>: skipped, with the reason, where network namespaces cannot be made.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NetworkHostsFactAttribute : FactAttribute
{
    public NetworkHostsFactAttribute() => Skip = NetworkHosts.Unavailable();
}
