using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Verbs;

/// <summary>qdel, qhold, qrls, qrerun and qmove differ only in the action they ask for (and qmove's queue).</summary>
public interface IJobActionOptions
{
    IEnumerable<string> Ids { get; }

    JobAction Action { get; }

    /// <summary>qmove's destination queue; null for the others.</summary>
    string? Destination => null;
}
