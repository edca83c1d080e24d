using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>
/// Applies <c>-l</c> resource lists in both PBS styles (<c>nodes=1:ppn=2,mem=2gb,walltime=01:30:00</c> and
/// <c>select=1:ncpus=2:mem=2gb</c>), later lists overriding earlier ones, onto a baseline request.
/// </summary>
public static class ResourceListParser
{
    public static ParseResult<ResourceRequest> Apply(ResourceRequest baseline, IReadOnlyList<string> lists) => throw new NotImplementedException();
}
