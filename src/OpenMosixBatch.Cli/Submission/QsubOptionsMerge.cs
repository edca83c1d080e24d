using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Submission;

/// <summary>
/// Merges the script's directives with the command line: a value given on the command line wins, lists (-l, -W, -v)
/// keep the directives' entries first and the command line's after them (later -l entries override earlier ones),
/// flags are set when either sets them. Aliases (-J for -t, -w for -d) fold into their option here.
/// </summary>
public static class QsubOptionsMerge
{
    public static QsubOptions Merge(QsubOptions directives, QsubOptions commandLine) => new()
    {
        Name = commandLine.Name ?? directives.Name,
        Queue = commandLine.Queue ?? directives.Queue,
        ResourceLists = [.. directives.ResourceLists, .. commandLine.ResourceLists],
        OutputPath = commandLine.OutputPath ?? directives.OutputPath,
        ErrorPath = commandLine.ErrorPath ?? directives.ErrorPath,
        Join = commandLine.Join ?? directives.Join,
        ArrayRange = commandLine.ArrayRange ?? commandLine.ArrayRangeAlias ?? directives.ArrayRange ?? directives.ArrayRangeAlias,
        Attributes = [.. directives.Attributes, .. commandLine.Attributes],
        Hold = commandLine.Hold || directives.Hold,
        NodeExclusive = commandLine.NodeExclusive || directives.NodeExclusive,
        Priority = commandLine.Priority ?? directives.Priority,
        Variables = [.. directives.Variables, .. commandLine.Variables],
        ExportEnvironment = commandLine.ExportEnvironment || directives.ExportEnvironment,
        Rerunnable = commandLine.Rerunnable ?? directives.Rerunnable,
        Checkpoint = commandLine.Checkpoint ?? directives.Checkpoint,
        RunHome = commandLine.RunHome || directives.RunHome,
        WorkingDirectory = commandLine.WorkingDirectory ?? commandLine.WorkingDirectoryAlias
            ?? directives.WorkingDirectory ?? directives.WorkingDirectoryAlias,
        Account = commandLine.Account ?? directives.Account,
        Project = commandLine.Project ?? directives.Project,
        MailEvents = commandLine.MailEvents ?? directives.MailEvents,
        MailUsers = commandLine.MailUsers ?? directives.MailUsers,
        Shell = commandLine.Shell ?? directives.Shell,
        Keep = commandLine.Keep ?? directives.Keep,
    };
}
