using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Server.Options;

/// <summary>
/// Section "Omb:Submission": what a site accepts from its users' scripts beyond what the scheduler acts on. A migrating
/// site lists its own resources (<c>qos</c>, <c>feature</c>, NCI's <c>storage</c>, <c>jobfs</c>, <c>wd</c>) and options
/// (<c>-W x</c>, <c>-k</c>); they are recorded and shown by qstat -f, never scheduled on. Anything else is refused.
/// </summary>
public sealed class SubmissionOptions
{
    /// <summary>Resource names, e.g. "qos", "feature" (in -l lists and in select chunks).</summary>
    public List<string> IgnoredResources { get; set; } = [];

    /// <summary>Options as "-W NAME" for a -W attribute, or "-k" for an option letter.</summary>
    public List<string> IgnoredOptions { get; set; } = [];

    /// <summary>Problems with the lists, each naming the key and the fix.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var name in IgnoredResources.Where(n => n is null || !NameRules.IsResourceName(n)))
        {
            yield return $"{SubmissionLimits.IgnoredResourcesKey} has '{name}': list resource names (a letter, then letters, digits, _ or -), e.g. \"qos\"";
        }

        foreach (var option in IgnoredOptions.Where(o => o is null || !IsOptionName(o)))
        {
            yield return $"{SubmissionLimits.IgnoredOptionsKey} has '{option}': list options as \"-W NAME\" (a -W attribute) or \"-k\" (a letter), e.g. \"-W x\"";
        }
    }

    /// <summary>The limits with these lists added.</summary>
    public SubmissionLimits AddTo(SubmissionLimits limits) => limits with
    {
        IgnoredResources = new HashSet<string>(IgnoredResources, StringComparer.Ordinal),
        IgnoredOptions = new HashSet<string>(IgnoredOptions, StringComparer.Ordinal),
    };

    private static bool IsOptionName(string option) =>
        (option.StartsWith("-W ", StringComparison.Ordinal) && NameRules.IsResourceName(option[3..]))
        || (option.Length == 2 && option[0] == '-' && char.IsAsciiLetter(option[1]));
}
