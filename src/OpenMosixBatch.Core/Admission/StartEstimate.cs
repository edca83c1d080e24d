namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// When and where a waiting job's next task is predicted to start (qstat -T, qstat -f's <c>estimated.*</c>), or why no
/// prediction can be made.
/// </summary>
/// <param name="Start">The predicted start, or null when it cannot be predicted.</param>
/// <param name="Nodes">The node of each chunk of the first task it predicts (PBS's estimated.exec_vnode); empty when unknown.</param>
/// <param name="Why">Why the start is unknown; null when <paramref name="Start"/> is given.</param>
public sealed record StartEstimate(DateTimeOffset? Start, IReadOnlyList<string> Nodes, string? Why)
{
    public static StartEstimate At(DateTimeOffset start, IReadOnlyList<string> nodes) => new(start, nodes, null);

    public static StartEstimate Unknown(string why) => new(null, [], why);
}
