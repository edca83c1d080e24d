namespace OpenMosixBatch.Core.Selection;

/// <summary>The comparisons of qselect's <c>-l RESOURCE.OP=VALUE</c> (PBS's eq, ne, lt, le, gt, ge).</summary>
public enum ComparisonOperator
{
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}
