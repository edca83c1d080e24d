using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Submission;

/// <summary>
/// The PBS options beyond scheduling: -m/-M mail, -S shell, and the -W attributes (depend, group_list, umask; any other
/// is kept as an ignored option, which the server refuses unless the site accepts it). Each throws a usage error
/// naming the value and the fix.
/// </summary>
public static class QsubAttributes
{
    /// <summary>The -W attributes: dependencies, group, umask, and the rest as <c>-W name=value</c>.</summary>
    public static (List<Dependency> Dependencies, string? GroupList, int? Umask, List<string> Ignored) Attributes(IEnumerable<string> attributes)
    {
        var dependencies = new List<Dependency>();
        string? group = null;
        int? umask = null;
        var ignored = new List<string>();
        foreach (var attribute in attributes)
        {
            var text = attribute.Trim();
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? text[..eq].Trim().ToLowerInvariant() : text.ToLowerInvariant();
            var value = eq > 0 ? text[(eq + 1)..].Trim() : string.Empty;
            switch (name)
            {
                case "depend":
                    var parsed = DependencyParser.ParseAttributes(text);
                    dependencies.AddRange(parsed.Ok ? parsed.Value! : throw CliFailureException.Usage(parsed.Error!));
                    break;
                case "group_list":
                    group = GroupList(value);
                    break;
                case "umask":
                    umask = Umask(value);
                    break;
                default:
                    if (eq <= 0 || !NameRules.IsResourceName(name))
                    {
                        throw CliFailureException.Usage($"invalid -W '{InputText.Quote(text)}': expected NAME=VALUE, e.g. -W depend=afterok:12 or -W group_list=proj");
                    }

                    ignored.Add("-W " + name + "=" + value);
                    break;
            }
        }

        return (dependencies, group, umask, ignored);
    }

    /// <summary>-m: n, or any of a (abort), b (begin), e (end); Torque's f and PBS Pro's j are accepted (abort and sub-jobs).</summary>
    public static string? MailEvents(string? given)
    {
        if (given is null)
        {
            return null;
        }

        var events = given.Trim();
        return events == "n" || (events.Length > 0 && events.All(c => c is 'a' or 'b' or 'e' or 'f' or 'j') && events.Distinct().Count() == events.Length)
            ? events
            : throw CliFailureException.Usage($"invalid -m '{InputText.Quote(given)}': use any of a (abort), b (begin), e (end), e.g. -m abe, or n for no mail");
    }

    /// <summary>-M user[@host][,user[@host]...].</summary>
    public static List<string> MailUsers(string? given)
    {
        if (given is null)
        {
            return [];
        }

        var users = given.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        return users.Count > 0 && users.All(u => !u.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '\'' or '|' or ';') && !u.StartsWith('-'))
            ? users
            : throw CliFailureException.Usage($"invalid -M '{InputText.Quote(given)}': give mail addresses separated by commas, e.g. -M alice@example.org,bob");
    }

    /// <summary>-S path[@host][,path@host...]: the first path, which must be absolute (there is one kind of host).</summary>
    public static string? Shell(string? given)
    {
        if (given is null)
        {
            return null;
        }

        var path = given.Split(',')[0].Split('@')[0].Trim();
        return path.StartsWith('/') && !path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? path
            : throw CliFailureException.Usage($"invalid -S '{InputText.Quote(given)}': give the shell's absolute path, e.g. -S /bin/bash");
    }

    private static string GroupList(string value)
    {
        var group = value.Split(',')[0].Split('@')[0].Trim();
        return group.Length > 0 && group.Length <= 32 && !group.StartsWith('-') && group.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? group
            : throw CliFailureException.Usage($"invalid -W group_list='{InputText.Quote(value)}': name a Unix group you belong to, e.g. -W group_list=proj");
    }

    private static int Umask(string value) =>
        value.Length is > 0 and <= 4 && value.All(c => c is >= '0' and <= '7')
            ? Convert.ToInt32(value, 8)
            : throw CliFailureException.Usage($"invalid -W umask='{InputText.Quote(value)}': give an octal mask, e.g. -W umask=022");

    /// <summary>0022 as PBS shows a umask.</summary>
    public static string FormatUmask(int umask) => Convert.ToString(umask, 8).PadLeft(4, '0').ToString(CultureInfo.InvariantCulture);
}
