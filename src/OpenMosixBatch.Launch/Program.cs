using OpenMosixBatch.Launch;

return TaskExec.Run(args, Console.OpenStandardInput(), Console.Error);
