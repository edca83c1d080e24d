using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>Where a task's stdout and stderr go: <c>-o</c>/<c>-e</c>, else PBS's <c>NAME.oID</c> / <c>NAME.eID</c> in the submit directory.</summary>
public static class OutputPaths
{
    /// <summary>The output and error file of one task; both are the same file when the job joins them.</summary>
    public static (string Output, string Error) For(Job job, int taskIndex)
    {
        ArgumentNullException.ThrowIfNull(job);
        var spec = job.Spec;
        var suffix = spec.IsArray
            ? string.Create(CultureInfo.InvariantCulture, $"{job.Id}-{taskIndex}")
            : job.Id.ToString(CultureInfo.InvariantCulture);
        var output = Resolve(spec.OutputPath, spec, $"{spec.Name}.o{suffix}", suffix);
        var error = Resolve(spec.ErrorPath, spec, $"{spec.Name}.e{suffix}", suffix);
        return spec.Join switch
        {
            JoinMode.OutputAndError => (output, output),
            JoinMode.ErrorAndOutput => (error, error),
            _ => (output, error),
        };
    }

    /// <remarks>
    /// A relative path is taken from the submit directory, as PBS does; a path naming a directory gets the default
    /// file name inside it; array elements writing to one path would clobber each other, so <c>^array_index^</c>
    /// (PBS Pro's token) is replaced by the element's index.
    /// </remarks>
    private static string Resolve(string? requested, JobSpec spec, string defaultName, string suffix)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return Path.Combine(spec.SubmitDirectory, defaultName);
        }

        var index = suffix.Contains('-', StringComparison.Ordinal) ? suffix[(suffix.IndexOf('-', StringComparison.Ordinal) + 1)..] : "";
        var path = requested.Replace("^array_index^", index, StringComparison.Ordinal);
        path = Path.IsPathRooted(path) ? path : Path.Combine(spec.SubmitDirectory, path);
        return path.EndsWith('/') ? Path.Combine(path, defaultName) : path;
    }
}
