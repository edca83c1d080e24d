using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Transport.Mpi.Runtime;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>
/// The one thread of a rank that makes MPI calls (MPI_THREAD_FUNNELED). The rest of the rank talks to it
/// through channels: <see cref="Send{T}"/> queues a message for another rank, <see cref="Inbox"/> yields
/// messages received, and <see cref="Ticks"/> yields every rank's report once per tick.
/// </summary>
/// <remarks>
/// <para>The pump never blocks in a point-to-point call: it sends with MPI_Isend and finds incoming
/// messages with MPI_Iprobe, receiving only what has arrived. The only blocking calls are collectives,
/// which every rank enters in the same order because the tick is the only source of collectives.</para>
/// <para>Stopping is agreed, not imposed: <see cref="RequestStop"/> (normally on rank 0, the gateway) sets a
/// flag that rides on the next tick's Allgather, so every rank learns of it at the same tick. Then each
/// rank flushes its outbox, the ranks exchange how many messages each sent to each (Alltoall), each
/// receives until it has them all, and a barrier precedes MPI_Finalize. No message sent before the
/// stop is lost.</para>
/// <para>When another rank dies, MPICH's default error handler makes mpiexec kill the whole world; the
/// supervisor relaunches it. When this pump fails, it aborts the world itself (exit code
/// <see cref="MpiPumpOptions.AbortExitCode"/>), since the other ranks would otherwise wait for it forever.</para>
/// </remarks>
public sealed partial class MpiPump<TReport> : IAsyncDisposable
{
    private readonly MpiPumpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JsonMpiSerializer _serializer;
    private readonly Channel<OutgoingMessage> _outbox = Channel.CreateUnbounded<OutgoingMessage>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<MpiMessage> _inbox = Channel.CreateUnbounded<MpiMessage>(
        new UnboundedChannelOptions { SingleWriter = true });
    private readonly Channel<LoadTick<TReport>> _ticks;
    private readonly AutoResetEvent _wake = new(false);
    private readonly PayloadPool _payloads = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _reportLock = new();
    private TReport _report;
    private volatile bool _stopRequested;
    private volatile bool _messageExpected;

    // Stopwatch timestamp until which the pump polls hot whatever the traffic (StayHot); 0: not asked.
    private long _hotUntil;
    private volatile RankHearing? _hearing;

    private MpiPump(TReport initialReport, MpiPumpOptions options, JsonMpiSerializer serializer, TimeProvider time, ILogger logger)
    {
        _report = initialReport;
        _options = options;
        _serializer = serializer;
        _time = time;
        _logger = logger;
        _ticks = Channel.CreateBounded<LoadTick<TReport>>(new BoundedChannelOptions(options.TickBacklog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
        });
    }

    /// <summary>This rank's number; valid once <see cref="StartAsync"/> has returned.</summary>
    public int Rank { get; private set; }

    /// <summary>Number of ranks in the world.</summary>
    public int Size { get; private set; }

    /// <summary>
    /// Largest tag a message may carry: 32766, one below 32767, the least MPI_TAG_UB the MPI standard guarantees, which
    /// the pump keeps for its heartbeats. MPI.NET's <c>Environment.MaxTag</c> is not used because under MPICH it returns
    /// the attribute's address instead of its value (a negative or huge number).
    /// </summary>
    public const int MaxTag = 32766;

    /// <summary>The pump's own heartbeat, never delivered to <see cref="Inbox"/>.</summary>
    internal const int HeartbeatTag = 32767;

    /// <summary>
    /// Time since this rank last heard from each rank (a completed tick, any message, a heartbeat), indexed by rank;
    /// empty before <see cref="StartAsync"/> has returned.
    /// </summary>
    /// <remarks>
    /// While a tick's collective waits, every rank keeps sending a heartbeat each tick interval (rank 0 to every rank,
    /// the others to rank 0), so a rank whose link is cut falls silent while the ones merely waiting for it do not: a
    /// cut link hangs a collective for as long as TCP retransmits (many minutes), it does not fail it.
    /// </remarks>
    public IReadOnlyList<TimeSpan> Silences() => _hearing?.Silences() ?? [];

    /// <summary>Messages received from any rank (including this one), in arrival order per sender.</summary>
    public ChannelReader<MpiMessage> Inbox => _inbox.Reader;

    /// <summary>Completed ticks; the last one has <see cref="LoadTick{TReport}.IsFinal"/> set.</summary>
    public ChannelReader<LoadTick<TReport>> Ticks => _ticks.Reader;

    /// <summary>The arrays large incoming payloads are received into (see <see cref="PayloadPool.Reserve"/>).</summary>
    public PayloadPool Payloads => _payloads;

    /// <summary>Completes when MPI is finalised; faults if the pump failed.</summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// Starts the pump thread, which initialises MPI (installing the MPICH resolver and the serializer),
    /// and returns once the rank and world size are known.
    /// </summary>
    public static async Task<MpiPump<TReport>> StartAsync(
        string[] args,
        TReport initialReport,
        MpiPumpOptions options,
        JsonMpiSerializer serializer,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();

        var pump = new MpiPump<TReport>(initialReport, options, serializer, time, logger);
        var argsCopy = (string[])args.Clone();
        var thread = new Thread(() => pump.Run(argsCopy))
        {
            Name = "mpi-pump",
            IsBackground = true,
        };
        thread.Start();
        await pump._started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return pump;
    }

    /// <summary>
    /// Queues <paramref name="value"/> for rank <paramref name="destination"/> with <paramref name="tag"/>.
    /// Serializes on the calling thread; the pump sends it without blocking. Messages from one rank to
    /// another arrive in the order they were queued.
    /// </summary>
    public void Send<T>(int destination, int tag, T value)
    {
        CheckAddress(destination, tag);
        Enqueue(new OutgoingMessage(destination, tag, _serializer.ToBytes(value)));
    }

    /// <summary>
    /// Queues <paramref name="payload"/> for rank <paramref name="destination"/> as it is: no JSON, no length prefix.
    /// The receiver reads <see cref="MpiMessage.Payload"/>. The pump holds the array until MPI has sent it, so the
    /// caller must not change it afterwards. Ordered with <see cref="Send{T}"/> messages to the same rank.
    /// </summary>
    public void SendBytes(int destination, int tag, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        CheckAddress(destination, tag);
        Enqueue(new OutgoingMessage(destination, tag, payload));
    }

    private void CheckAddress(int destination, int tag)
    {
        if (destination < 0 || destination >= Size)
        {
            throw new ArgumentOutOfRangeException(nameof(destination), destination, $"no rank {destination} in a world of {Size}: use a rank from 0 to {Size - 1}");
        }

        if (tag < 0 || tag > MaxTag)
        {
            throw new ArgumentOutOfRangeException(nameof(tag), tag, $"tag {tag} is outside MPI's range: use a tag from 0 to {MaxTag}");
        }
    }

    private void Enqueue(OutgoingMessage message)
    {
        if (!_outbox.Writer.TryWrite(message))
        {
            throw new InvalidOperationException(
                $"rank {Rank} cannot send to rank {message.Destination}: the world has agreed to stop; send before calling RequestStop or in a new world");
        }

        _wake.Set();
    }

    /// <summary>
    /// Whether a message may arrive at any moment (a node with room for a task awaits start orders): the idle pump then
    /// keeps polling at <see cref="MpiPumpOptions.IdlePollInterval"/> instead of backing off; see
    /// <see cref="MpiPumpOptions.NextPollInterval"/>.
    /// </summary>
    public bool MessageExpected
    {
        get => _messageExpected;
        set => _messageExpected = value;
    }

    /// <summary>
    /// Keeps the pump polling every <see cref="MpiPumpOptions.HotPollInterval"/> for the next <paramref name="period"/>
    /// instead of backing off: the caller expects messages soon (a move under way: its copy, the acknowledgements, the
    /// restart order), each of which would otherwise wait up to <see cref="MpiPumpOptions.QuietPollInterval"/> for the
    /// next poll. The latest deadline asked for wins.
    /// </summary>
    public void StayHot(TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        var until = _time.GetTimestamp() + (long)(period.TotalSeconds * _time.TimestampFrequency);
        var seen = Volatile.Read(ref _hotUntil);
        while (seen < until)
        {
            var was = Interlocked.CompareExchange(ref _hotUntil, until, seen);
            if (was == seen)
            {
                _wake.Set();
                return;
            }

            seen = was;
        }
    }

    /// <summary>Sets the report this rank contributes to the next ticks.</summary>
    public void UpdateReport(TReport report)
    {
        lock (_reportLock)
        {
            _report = report;
        }
    }

    /// <summary>Asks every rank to stop at the next tick; see the remarks on the type.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _wake.Set();
    }

    /// <summary>Requests the stop and waits until MPI is finalised; never throws for a failed pump.</summary>
    public async ValueTask DisposeAsync()
    {
        RequestStop();
        await _completion.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _wake.Dispose();
    }

    private TReport CurrentReport()
    {
        lock (_reportLock)
        {
            return _report;
        }
    }
}
