using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// omb link DIR: DIR/qsub … DIR/pbsnodes become symlinks to the omb binary, which dispatches on the name it was
/// invoked under. Links of ours (to a file named omb) are replaced; anything else is left alone and refused.
/// </summary>
public static class LinkCommand
{
    public static int Run(LinkOptions options, string ombPath, CliConsole console)
    {
        var directory = Path.GetFullPath(options.Directory!);
        if (!Directory.Exists(directory))
        {
            throw CliFailureException.Usage($"directory '{options.Directory}' does not exist: create it first (mkdir -p {options.Directory})");
        }

        // Check every name first, so that a conflict leaves the directory as it was.
        foreach (var verb in ArgvDispatch.PbsVerbs)
        {
            var link = Path.Combine(directory, verb);
            var existing = new FileInfo(link);
            if (existing.LinkTarget is { } target)
            {
                if (Path.GetFileName(target) != "omb")
                {
                    throw CliFailureException.Refused($"{link} is a link to {target}, not to omb: remove it, or link into another directory");
                }
            }
            else if (existing.Exists || Directory.Exists(link))
            {
                throw CliFailureException.Refused($"{link} exists and is not a link: remove it, or link into another directory");
            }
        }

        foreach (var verb in ArgvDispatch.PbsVerbs)
        {
            var link = Path.Combine(directory, verb);
            if (new FileInfo(link).LinkTarget is not null)
            {
                File.Delete(link);
            }

            File.CreateSymbolicLink(link, ombPath);
        }

        console.Error.WriteLine($"omb: linked {string.Join(", ", ArgvDispatch.PbsVerbs)} in {directory} to {ombPath}");
        return ExitCodes.Success;
    }

    /// <summary>The real omb binary: next to this assembly (AppContext.BaseDirectory resolves symlinks), else the process.</summary>
    public static string OmbBinaryPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "omb");
        return File.Exists(beside) ? beside : Environment.ProcessPath ?? beside;
    }
}
