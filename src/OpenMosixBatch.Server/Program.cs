using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Storage.LiteDb;

// omb-server: parse, load the configuration, open the store, serve. This is the one place that writes to stderr
// directly: before logging exists, a bad start must still end in one clear line and a documented exit code.
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

Directory.CreateDirectory(home);
var socket = OmbHome.SocketPath(home);
if (SocketGuard.Claim(socket) is { } busy)
{
    await Console.Error.WriteLineAsync("omb server: " + busy);
    return 1;
}

LiteDbJobStore store;
try
{
    store = LiteDbJobStore.Open(OmbHome.DatabasePath(home));
}
catch (JobStoreCorruptException e)
{
    await Console.Error.WriteLineAsync("omb server: " + e.Message);
    return 1;
}

using (store)
{
    var app = ServerHost.Build(config, home, store, line.LogFormat);
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        // Access control is by peer uid, so every local user may connect.
        File.SetUnixFileMode(socket, (UnixFileMode)0b110_110_110);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenMosixBatch.Server");
        ServerStartupLog.Started(logger, socket, store.DatabasePath, app.Services.GetRequiredService<JobQueue>().State.Jobs.Count, config.Source, config.Nodes.Count);
    });
    await app.RunAsync();
    File.Delete(socket);
}

return 0;
