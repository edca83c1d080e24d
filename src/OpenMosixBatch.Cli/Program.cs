using OpenMosixBatch.Cli;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Parsing;

return await CliApp.RunAsync(InvokedName.Resolve(), args, CliConsole.FromProcess(), ApiClientFactory.ForCurrentUser, CancellationToken.None);
