namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>Timing and limits of an <see cref="MpiPump{TReport}"/>.</summary>
public sealed class MpiPumpOptions
{
    /// <summary>Configuration section the host binds these options from.</summary>
    public const string SectionName = "Mpi:Pump";

    /// <summary>Default time between two load-report ticks.</summary>
    public static readonly TimeSpan DefaultTickInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Default longest idle wait between two polls of the network. Incoming messages are found by
    /// polling (MPI has no wait handle to block on), so this bounds receive latency when idle.
    /// </summary>
    public static readonly TimeSpan DefaultIdlePollInterval = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Default longest wait between two polls once the network has been quiet: each idle pass doubles the wait from
    /// <see cref="DefaultIdlePollInterval"/> up to this, and any traffic resets it, unless a message is expected (see
    /// <see cref="NextPollInterval"/>). Measured on a 2-core host: an idle rank costs about 2% of a core polling at
    /// this interval and 3% at the idle one; the difference is a node's tasks', so a full node backs off.
    /// </summary>
    public static readonly TimeSpan DefaultQuietPollInterval = TimeSpan.FromMilliseconds(16);

    /// <summary>Default time the pump keeps polling every <see cref="DefaultHotPollInterval"/> after the last message in or out.</summary>
    public static readonly TimeSpan DefaultHotPeriod = TimeSpan.FromMilliseconds(2);

    /// <summary>Default wait between two polls while sends are in flight or within the hot period: the shortest wait a timed wait gives.</summary>
    public static readonly TimeSpan DefaultHotPollInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>Default number of unread ticks kept before the oldest is dropped.</summary>
    public const int DefaultTickBacklog = 64;

    /// <summary>Default number of messages received in one pass before the pump looks at its outbox again.</summary>
    public const int DefaultMaxReceivesPerPass = 64;

    /// <summary>Exit code of the world when a pump fails (EX_SOFTWARE): the supervisor relaunches it.</summary>
    public const int AbortExitCode = 70;

    /// <summary>Time between two ticks; every rank of a world must use the same value.</summary>
    public TimeSpan TickInterval { get; init; } = DefaultTickInterval;

    /// <summary>Longest idle wait between two polls.</summary>
    public TimeSpan IdlePollInterval { get; init; } = DefaultIdlePollInterval;

    /// <summary>Longest wait between two polls after the network has been quiet for a few passes.</summary>
    public TimeSpan QuietPollInterval { get; init; } = DefaultQuietPollInterval;

    /// <summary>
    /// Time after the last message in or out during which the pump polls every <see cref="HotPollInterval"/>, so that an
    /// exchange in progress is not slowed to one message per (backed-off) poll interval.
    /// </summary>
    public TimeSpan HotPeriod { get; init; } = DefaultHotPeriod;

    /// <summary>Wait between two polls while sends are in flight or within <see cref="HotPeriod"/> of the last message.</summary>
    public TimeSpan HotPollInterval { get; init; } = DefaultHotPollInterval;

    /// <summary>
    /// The wait before the next idle poll after <paramref name="current"/>: doubled up to <see cref="QuietPollInterval"/>
    /// while nothing is expected, held at <see cref="IdlePollInterval"/> while <paramref name="messageExpected"/> (a node
    /// with room for a task may get a start order at any moment, and its pump is the only way the order is noticed:
    /// backing off there adds half the quiet interval, on average, to every dispatch into an idle cluster).
    /// </summary>
    public TimeSpan NextPollInterval(TimeSpan current, bool messageExpected) =>
        messageExpected ? IdlePollInterval
        : current * 2 < QuietPollInterval ? current * 2
        : QuietPollInterval;

    /// <summary>Unread ticks kept before the oldest is dropped (a slow reader loses old loads, not new ones).</summary>
    public int TickBacklog { get; init; } = DefaultTickBacklog;

    /// <summary>Messages received in one pass.</summary>
    public int MaxReceivesPerPass { get; init; } = DefaultMaxReceivesPerPass;

    /// <summary>
    /// Whether a failing pump aborts the whole world (MPI_Abort). It should: the other ranks would otherwise
    /// wait for it forever in the next collective.
    /// </summary>
    public bool AbortWorldOnFailure { get; init; } = true;

    /// <summary>
    /// Runs once on the pump thread of every rank, after MPI is initialised and before the first pass, with the pump's
    /// communicator: the only safe place for plain blocking MPI calls (e.g. a raw bandwidth measurement), since every
    /// rank is there at the same point and no tick's collective can interleave.
    /// </summary>
    public Action<MPI.Intracommunicator>? BeforeFirstPass { get; init; }

    /// <summary>Throws when a value is out of range, naming the value and the fix.</summary>
    public void Validate()
    {
        if (TickInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TickInterval), TickInterval, "tick interval must be positive, e.g. 00:00:01");
        }

        if (IdlePollInterval <= TimeSpan.Zero || IdlePollInterval > TickInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(IdlePollInterval), IdlePollInterval, "idle poll interval must be positive and no longer than the tick interval, e.g. 00:00:00.002");
        }

        if (QuietPollInterval < IdlePollInterval || QuietPollInterval > TickInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(QuietPollInterval), QuietPollInterval, "quiet poll interval must be at least the idle poll interval and no longer than the tick interval, e.g. 00:00:00.016");
        }

        if (HotPeriod < TimeSpan.Zero || HotPeriod > TickInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(HotPeriod), HotPeriod, "hot period must be between zero and the tick interval, e.g. 00:00:00.002");
        }

        if (HotPollInterval <= TimeSpan.Zero || HotPollInterval > IdlePollInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(HotPollInterval), HotPollInterval, "hot poll interval must be positive and no longer than the idle poll interval, e.g. 00:00:00.001");
        }

        if (TickBacklog < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TickBacklog), TickBacklog, "tick backlog must be at least 1, e.g. 64");
        }

        if (MaxReceivesPerPass < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxReceivesPerPass), MaxReceivesPerPass, "receives per pass must be at least 1, e.g. 64");
        }
    }
}
