using System.Text;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Checkpoints;

namespace OpenMosixBatch.Server.Tunables;

/// <summary>
/// The openMosix tunables in force (DESIGN §6). At start they come from OMB_HOME/tunables/ when an earlier
/// <c>omb tune set</c> stored them there, else from conf/overheads and conf/mfscosts, else the defaults. A set is
/// parsed whole before anything changes, stored durably, and only then put in force.
/// </summary>
public sealed class TunablesState
{
    public const string OverheadsFile = "overheads";
    public const string MfsCostsFile = "mfscosts";
    private readonly Lock _gate = new();
    private readonly string _storeDirectory;
    private (Overheads Overheads, MfsCosts Costs) _values;

    private TunablesState(string storeDirectory, Overheads overheads, MfsCosts costs, bool migrationEnabled)
    {
        _storeDirectory = storeDirectory;
        _values = (overheads, costs);
        MigrationEnabled = migrationEnabled;
    }

    public bool MigrationEnabled { get; }

    public Overheads Overheads
    {
        get
        {
            lock (_gate)
            {
                return _values.Overheads;
            }
        }
    }

    public MfsCosts MfsCosts
    {
        get
        {
            lock (_gate)
            {
                return _values.Costs;
            }
        }
    }

    /// <summary>
    /// Loads the tunables; throws <see cref="InvalidDataException"/> with one line naming the file and the wrong value
    /// (the server then refuses to start).
    /// </summary>
    public static TunablesState Load(string? confDirectory, string home, bool migrationEnabled)
    {
        var store = Path.Combine(home, "tunables");
        var overheads = Read(store, confDirectory, OverheadsFile, Overheads.Defaults, TunablesParser.ParseOverheads);
        var costs = Read(store, confDirectory, MfsCostsFile, MfsCosts.Defaults, TunablesParser.ParseMfsCosts);
        return new TunablesState(store, overheads, costs, migrationEnabled);
    }

    public TunablesView View()
    {
        Overheads o;
        MfsCosts c;
        lock (_gate)
        {
            (o, c) = _values;
        }

        return new TunablesView([.. o.ToValues().Select(v => (int)v)], [.. c.ToValues().Select(v => (int)v)], MigrationEnabled);
    }

    /// <summary>Parses and applies 14 overheads; returns the parser's one-line refusal, the old values staying, or null.</summary>
    public string? SetOverheads(string text)
    {
        var parsed = TunablesParser.ParseOverheads(text, "omb tune set");
        if (!parsed.Ok)
        {
            return parsed.Error;
        }

        lock (_gate)
        {
            Store(OverheadsFile, TunablesFormatter.FormatFile(parsed.Value!));
            _values = (parsed.Value!, _values.Costs);
        }

        return null;
    }

    /// <summary>Parses and applies the 6 oMFS costs; returns the parser's one-line refusal, the old values staying, or null.</summary>
    public string? SetMfsCosts(string text)
    {
        var parsed = TunablesParser.ParseMfsCosts(text, "omb tune mfs set");
        if (!parsed.Ok)
        {
            return parsed.Error;
        }

        lock (_gate)
        {
            Store(MfsCostsFile, TunablesFormatter.FormatFile(parsed.Value!));
            _values = (_values.Overheads, parsed.Value!);
        }

        return null;
    }

    private static T Read<T>(string store, string? confDirectory, string name, T defaults, Func<string, string, ParseResult<T>> parse)
    {
        var stored = Path.Combine(store, name);
        var path = File.Exists(stored) ? stored
            : confDirectory is not null && File.Exists(Path.Combine(confDirectory, name)) ? Path.Combine(confDirectory, name)
            : null;
        if (path is null)
        {
            return defaults;
        }

        var parsed = parse(File.ReadAllText(path), path);
        return parsed.Ok ? parsed.Value! : throw new InvalidDataException(parsed.Error);
    }

    /// <summary>Temp file, fsync, rename, fsync of the directory: a restart finds the old file or the new one, whole.</summary>
    private void Store(string name, string content)
    {
        Directory.CreateDirectory(_storeDirectory);
        var final = Path.Combine(_storeDirectory, name);
        var temporary = final + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encoding.UTF8.GetBytes(content));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, final, overwrite: true);
        DirectorySync.Flush(_storeDirectory);
    }
}
