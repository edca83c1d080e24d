using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Selection;

/// <summary>One <c>-l RESOURCE.OP=VALUE</c> filter of qselect, its value in the resource's unit (<see cref="SelectableResource"/>).</summary>
public sealed record ResourceComparison(SelectableResource Resource, ComparisonOperator Operator, long Value)
{
    /// <summary>
    /// True when the job's request satisfies the comparison. A resource the job does not have (no walltime asked) counts
    /// as less than any value, as PBS compares it: it matches <c>ne</c>, <c>lt</c> and <c>le</c>, never <c>eq</c>,
    /// <c>gt</c> or <c>ge</c>.
    /// </summary>
    public bool Holds(ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long? actual = Resource switch
        {
            SelectableResource.Walltime => request.Walltime is { } w ? (long)w.TotalSeconds : null,
            SelectableResource.Ncpus => request.TotalCpus,
            SelectableResource.Mem => request.TotalMemoryBytes,
            _ => request.TotalChunks,
        };
        if (actual is not { } a)
        {
            return Operator is ComparisonOperator.Ne or ComparisonOperator.Lt or ComparisonOperator.Le;
        }

        return Operator switch
        {
            ComparisonOperator.Eq => a == Value,
            ComparisonOperator.Ne => a != Value,
            ComparisonOperator.Lt => a < Value,
            ComparisonOperator.Le => a <= Value,
            ComparisonOperator.Gt => a > Value,
            _ => a >= Value,
        };
    }
}
