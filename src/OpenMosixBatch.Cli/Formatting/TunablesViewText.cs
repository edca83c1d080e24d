using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary><c>omb tune get</c> and <c>omb tune mfs get</c>: the <c>mosctl gettune</c> table of the values in force.</summary>
public static class TunablesViewText
{
    /// <summary>The 14 overheads, one line each, and a last line when migration is turned off.</summary>
    public static string Overheads(TunablesView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return TunablesFormatter.Table(Core.Migration.Overheads.FromValues([.. view.Overheads.Select(v => (long)v)])) + Disabled(view);
    }

    /// <summary>The 6 oMFS costs, one line each, and a last line when migration is turned off.</summary>
    public static string MfsCosts(TunablesView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return TunablesFormatter.Table(Core.Migration.MfsCosts.FromValues([.. view.MfsCosts.Select(v => (long)v)])) + Disabled(view);
    }

    private static string Disabled(TunablesView view) =>
        view.MigrationEnabled ? "" : "migration is turned off on this server (Omb:Migration:Enabled=false or --no-migration): the values are kept but not used\n";
}
