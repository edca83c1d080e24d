using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// Which of a job's resources and options this scheduler does not act on the site accepts anyway
/// (<see cref="SubmissionLimits.IgnoredResources"/>, <see cref="SubmissionLimits.IgnoredOptions"/>): a migrating site lists
/// its users' <c>qos</c>, <c>feature</c> or <c>-W x=</c> so that their scripts run on day one; anything else is refused,
/// all of it in one line, since a resource silently dropped could be one the job needs.
/// </summary>
public static class SiteAllowance
{
    /// <summary>Null when everything is accepted, else one line naming each refused resource and option, and the fix.</summary>
    public static string? WhyRefused(JobSpec spec, SubmissionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(limits);
        var refused = spec.Resources.Ignored.Where(r => !limits.IgnoredResources.Contains(ResourceName(r)))
            .Select(r => $"resource '{InputText.Quote(r)}'")
            .Concat(spec.IgnoredOptions.Where(o => !limits.IgnoredOptions.Contains(OptionName(o))).Select(o => $"option '{InputText.Quote(o)}'"))
            .ToList();
        return refused.Count == 0 ? null
            : $"not known to this scheduler and not accepted by the site: {string.Join(", ", refused)}; remove them from the script, or ask an administrator to list them in {SubmissionLimits.IgnoredResourcesKey} or {SubmissionLimits.IgnoredOptionsKey} (conf/omb.json)";
    }

    /// <summary><c>qos=debug</c> → <c>qos</c>.</summary>
    public static string ResourceName(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var eq = resource.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? resource : resource[..eq];
    }

    /// <summary><c>-W x=NACCESSPOLICY:SINGLEJOB</c> → <c>-W x</c>; <c>-k oe</c> → <c>-k</c>.</summary>
    public static string OptionName(string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (option.StartsWith("-W ", StringComparison.Ordinal))
        {
            var eq = option.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? option : option[..eq];
        }

        var space = option.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? option : option[..space];
    }
}
