namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// What qsig delivers: a signal by number (with the name it is shown by), or PBS Pro's <c>suspend</c> and
/// <c>resume</c>, which stop and continue the job's processes (SIGSTOP, SIGCONT) and move it to S and back to R.
/// </summary>
public sealed record JobSignal(int Number, string Name)
{
    public const int SigStop = 19;
    public const int SigCont = 18;

    public static JobSignal Suspend { get; } = new(SigStop, "suspend");

    public static JobSignal Resume { get; } = new(SigCont, "resume");

    public bool IsSuspend => Name == Suspend.Name;

    public bool IsResume => Name == Resume.Name;
}
