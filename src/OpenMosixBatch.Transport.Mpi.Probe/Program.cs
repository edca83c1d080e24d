using OpenMosixBatch.Transport.Mpi.Probe;

// The probe's stdout is its protocol (one JSON summary line, "rank R pid P" lines), read by the tests.
var mode = args.Length > 0 ? args[0] : "pump";
return mode switch
{
    "api" => ApiCheck.Run(args, Console.Out),
    "fault" => FaultCheck.Run(args, Console.Out),
    "pump" => await PumpScenario.RunAsync(args, Console.Out),
    "bandwidth" => await BandwidthScenario.RunAsync(args, Console.Out),
    _ => Usage(mode),
};

static int Usage(string mode)
{
    Console.Error.WriteLine($"unknown probe mode '{mode}': use 'api', 'fault', 'pump [--stop-after-ticks N] [--tick-ms M]' or 'bandwidth [--sizes 1,64,256] [--no-raw]'");
    return 2;
}
