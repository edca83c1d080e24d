using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Server.Backups;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Tunables;
using OpenMosixBatch.Storage.LiteDb;

// omb-server: parse, load the configuration, open the store, serve. This is the one place that writes to stderr
// directly: before logging exists, a bad start must still end in one clear line and a documented exit code.
// First of all: nothing the server creates from here on is readable by other users, whatever umask it was given.
FileCreationMask.MakePrivate();
var (line, usageError) = ServerCommandLine.Parse(args);
if (line is null)
{
    await Console.Error.WriteLineAsync(usageError);
    return 2;
}

if (line.Help)
{
    Console.WriteLine(ServerCommandLine.Usage);
    return 0;
}

ServerConfiguration config;
try
{
    config = ServerConfiguration.Load(line);
}
catch (InvalidDataException e)
{
    await Console.Error.WriteLineAsync("omb server: " + e.Message);
    return 2;
}

// --home wins over OMB_HOME, which wins over the configured Home.
var home = line.Home is not null ? Path.GetFullPath(line.Home) : OmbHome.Resolve(config.Options.Home);

// 0755, not 0700: other users must reach the socket inside; who may do what is decided by their peer uid. Set after
// each mkdir (of the home and of any missing parent), which the umask of 077 narrows; an existing one is left as it is.
var missing = new Stack<string>();
for (var dir = home; !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
{
    missing.Push(dir);
}

foreach (var dir in missing)
{
    Directory.CreateDirectory(dir);
    File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
}

// One server per home, for its whole life: a second one would supervise a second world beside the first.
HomeLock? homeLock;
try
{
    homeLock = HomeLock.TryTake(home, out var held);
    if (homeLock is null)
    {
        await Console.Error.WriteLineAsync("omb server: " + held);
        return 2;
    }
}
catch (IOException e)
{
    await Console.Error.WriteLineAsync($"omb server: {e.Message}: check the permissions and space of {home}");
    return 1;
}

using var heldLock = homeLock;

// The connection limits must bind long before the descriptors run out.
if (OpenFileLimit.Check(OpenFileLimit.Raise(), config.Options.Limits, config.Options.Tcp) is { } tooFew)
{
    await Console.Error.WriteLineAsync("omb server: " + tooFew);
    return 2;
}

var socket = OmbHome.SocketPath(home);
if (SocketGuard.Claim(socket) is { } busy)
{
    await Console.Error.WriteLineAsync("omb server: " + busy);
    return 1;
}

try
{
    if (StateFileCheck.Problem(StateFileScan.Entries(home), ServerIdentity.EffectiveUid) is { } exposed)
    {
        await Console.Error.WriteLineAsync("omb server: " + exposed);
        return 2;
    }
}
catch (IOException e)
{
    await Console.Error.WriteLineAsync($"omb server: cannot check who may read OMB_HOME's state ({e.Message}): check the permissions of {home}");
    return 2;
}

if (line.RestoreBackup)
{
    try
    {
        var restored = BackupRestore.Restore(home, line.RestoreBackupFile, TimeProvider.System.GetUtcNow());
        var aside = restored.KeptAside.Count == 0 ? "there was no database before" : "the previous files are kept as " + string.Join(" and ", restored.KeptAside);
        await Console.Error.WriteLineAsync($"omb server: restored {restored.Database} from the backup {restored.Backup}; {aside}");
    }
    catch (InvalidDataException e)
    {
        await Console.Error.WriteLineAsync("omb server: " + e.Message);
        return 2;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        await Console.Error.WriteLineAsync($"omb server: could not restore the backup ({e.Message}): check the space and permissions of {home}");
        return 1;
    }
}

LiteDbJobStore store;
LiteDbScheduleStore schedules;
try
{
    store = LiteDbJobStore.Open(OmbHome.DatabasePath(home));
    schedules = LiteDbScheduleStore.Open(store);
}
catch (JobStoreCorruptException e)
{
    await Console.Error.WriteLineAsync("omb server: " + (e.Problem.Length == 0 ? e.Message : DamagedDatabaseText.For(e.DatabasePath, e.Problem, BackupGenerations.List(home))));
    return 4;
}

TunablesState tunables;
TokenStore tokens;
try
{
    tunables = TunablesState.Load(config.ConfDirectory, home, config.Options.Migration.Enabled);
    tokens = TokenStore.Load(home);
}
catch (InvalidDataException e)
{
    store.Dispose();
    await Console.Error.WriteLineAsync("omb server: " + e.Message);
    return 2;
}

using (store)
{
    Microsoft.AspNetCore.Builder.WebApplication app;
    try
    {
        app = ServerHost.Build(config, home, store, line.LogFormat, schedules, tunables, tokens);
    }
    catch (InvalidDataException e)
    {
        await Console.Error.WriteLineAsync("omb server: " + e.Message);
        return 2;
    }

    app.Lifetime.ApplicationStarted.Register(() =>
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenMosixBatch.Server");
        ServerStartupLog.Started(logger, socket, store.DatabasePath, app.Services.GetRequiredService<JobQueue>().State.Jobs.Count, config.Source, config.Nodes.Count);
        if (config.Options.Tcp.Listen is { Length: > 0 } listen)
        {
            ServerStartupLog.ListeningTcp(logger, listen);
        }

        app.Lifetime.ApplicationStopped.Register(() => ServerStartupLog.Stopped(logger));
    });
    try
    {
        await app.RunAsync();
    }
    catch (OptionsValidationException e)
    {
        await Console.Error.WriteLineAsync($"omb server: bad configuration {config.Source}: {string.Join("; ", e.Failures)}");
        return 2;
    }
    catch (IOException e) when (config.Options.Tcp.Listen.Length > 0 && e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
    {
        await Console.Error.WriteLineAsync($"omb server: cannot listen on TCP {config.Options.Tcp.Listen} ({e.Message.ReplaceLineEndings(" ")}): stop what uses that port, or choose another {TcpOptions.ListenKey}");
        return 1;
    }
    finally
    {
        File.Delete(socket);
    }
}

return 0;
