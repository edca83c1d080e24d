using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>qdel, qhold and qrls differ only in the action they ask for.</summary>
public interface IJobActionOptions
{
    IEnumerable<string> Ids { get; }

    JobAction Action { get; }
}
