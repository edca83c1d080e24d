using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Selection;

/// <summary>One <c>-l RESOURCE.OP=VALUE</c> filter of qselect, its value in the resource's unit (<see cref="SelectableResource"/>).</summary>
public sealed record ResourceComparison(SelectableResource Resource, ComparisonOperator Operator, long Value)
{
    /// <summary>True when the job's request satisfies the comparison; a job that asked for no walltime never does.</summary>
    public bool Holds(ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long? actual = Resource switch
        {
            SelectableResource.Walltime => request.Walltime is { } w ? (long)w.TotalSeconds : null,
            SelectableResource.Ncpus => request.TotalCpus,
            SelectableResource.Mem => request.TotalMemoryBytes,
            _ => request.Chunks,
        };
        if (actual is not { } a)
        {
            return false;
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
