using OpenMosixBatch.Transport.Mpi.Runtime;

namespace OpenMosixBatch.Transport.Mpi.Pump;

// The pump thread's body: everything here runs on that one thread and is the only code making MPI calls.
public sealed partial class MpiPump<TReport>
{
    private void Run(string[] args)
    {
        MpiRuntime runtime;
        MPI.Intracommunicator communicator;
        try
        {
            runtime = MpiRuntime.Initialize(args, _serializer);

            // A private duplicate of the world, so no other MPI.NET user's tags can meet the pump's probes.
            communicator = (MPI.Intracommunicator)runtime.World.Clone();
            runtime.Attach(communicator);
            Rank = runtime.Rank;
            Size = runtime.Size;
            _hearing = new RankHearing(Size, _time);
        }
        catch (Exception exception)
        {
            Fail(exception);
            _started.TrySetException(exception);
            return;
        }

        try
        {
            // Before StartAsync returns, so what it measured is there for the caller.
            _options.BeforeFirstPass?.Invoke(communicator);
        }
        catch (Exception exception)
        {
            Fail(exception);
            _started.TrySetException(exception);
            return;
        }

        _logger.Started(Rank, Size, runtime.ProvidedThreading);
        _started.TrySetResult();
        var traffic = new PumpTraffic(Size);
        try
        {
            RunUntilStopAgreed(communicator, traffic);
            Drain(communicator, traffic);
            communicator.Barrier();
            communicator.Dispose();
            _inbox.Writer.TryComplete();
            _ticks.Writer.TryComplete();
            runtime.Dispose();
            _logger.Finalised(Rank, traffic.TotalReceived, traffic.TotalSent);
            _completion.TrySetResult();
        }
        catch (Exception exception)
        {
            _logger.Failed(exception, Rank);
            Fail(exception);
            if (_options.AbortWorldOnFailure)
            {
                MPI.Environment.Abort(MpiPumpOptions.AbortExitCode);
            }
        }
    }

    private void Fail(Exception exception)
    {
        _outbox.Writer.TryComplete(exception);
        _inbox.Writer.TryComplete(exception);
        _ticks.Writer.TryComplete(exception);
        _completion.TrySetException(exception);
    }

    private void RunUntilStopAgreed(MPI.Intracommunicator communicator, PumpTraffic traffic)
    {
        var sequence = 0L;
        var lastTick = _time.GetTimestamp();
        var poll = _options.IdlePollInterval;
        var lastTraffic = lastTick;
        while (true)
        {
            var busy = FlushOutbox(communicator, traffic);
            busy |= traffic.CompleteSends();
            busy |= ReceiveArrived(communicator, traffic);

            var sinceTick = _time.GetElapsedTime(lastTick);
            if (sinceTick >= _options.TickInterval)
            {
                sequence++;
                lastTick = _time.GetTimestamp();
                if (Tick(communicator, traffic, sequence))
                {
                    _logger.StopAgreed(sequence);
                    return;
                }

                continue;
            }

            if (busy)
            {
                poll = _options.IdlePollInterval;
                lastTraffic = _time.GetTimestamp();
                continue;
            }

            // A mid-sized send completes only while both ends make MPI calls, and an exchange in progress (a blob's
            // chunks, acknowledgements, verdict) answers within a millisecond or two: while sends are in flight and
            // briefly after the last traffic or while a caller expects messages (StayHot), poll every HotPollInterval
            // instead of backing off. Sleeping, not spinning:
            // a pump spinning on each rank (Thread.Yield) took the cores a blob's receiver needs to write and hash, and
            // under load a yielded thread waited for the CPU longer than a sleeping one that its wake event calls back.
            if (traffic.SendsInFlight > 0 || _time.GetElapsedTime(lastTraffic) < _options.HotPeriod || _time.GetTimestamp() < Volatile.Read(ref _hotUntil))
            {
                _wake.WaitOne(_options.HotPollInterval);
                continue;
            }

            // A message queued here wakes the pump at once; only incoming ones wait for the next poll.
            var untilTick = _options.TickInterval - sinceTick;
            _wake.WaitOne(untilTick < poll ? untilTick : poll);
            poll = _options.NextPollInterval(poll, _messageExpected);
        }
    }

    /// <summary>
    /// One tick: Allgather every rank's envelope (lengths, then bytes) and publish the reports. The collective does
    /// not spin while it waits for ranks that are late (see <see cref="NonBlockingAllgather"/>); meanwhile messages
    /// still flow and heartbeats go out every tick interval (see <see cref="Silences"/>).
    /// </summary>
    private bool Tick(MPI.Intracommunicator communicator, PumpTraffic traffic, long sequence)
    {
        var lastBeat = _time.GetTimestamp();
        void Wait()
        {
            WaitForSlowerRanks();
            FlushOutbox(communicator, traffic);
            traffic.CompleteSends();
            ReceiveArrived(communicator, traffic);
            if (_time.GetElapsedTime(lastBeat) >= _options.TickInterval)
            {
                SendHeartbeats(communicator, traffic);
                lastBeat = _time.GetTimestamp();
            }
        }

        var mine = _serializer.ToBytes(new TickEnvelope<TReport>(sequence, CurrentReport(), _stopRequested));
        var lengths = NonBlockingAllgather.Values(communicator, mine.Length, Wait);
        var all = NonBlockingAllgather.Bytes(communicator, mine, lengths, Wait);
        _hearing!.HeardAll();

        var reports = new TReport[Size];
        var stop = false;
        var offset = 0;
        for (var rank = 0; rank < Size; rank++)
        {
            var envelope = _serializer.FromBytes<TickEnvelope<TReport>>(all.AsSpan(offset, lengths[rank]));
            offset += lengths[rank];
            if (envelope.Sequence != sequence)
            {
                throw new InvalidOperationException(
                    $"rank {rank} is at tick {envelope.Sequence} while rank {Rank} is at tick {sequence}: every rank of a world must run the same pump build");
            }

            reports[rank] = envelope.Report;
            stop |= envelope.StopRequested;
        }

        _ticks.Writer.TryWrite(new LoadTick<TReport>(sequence, reports, stop));
        return stop;
    }

    private void WaitForSlowerRanks() => _wake.WaitOne(1);

    /// <summary>Rank 0 to every rank, any other rank to rank 0: enough for both to tell a cut link from a slow tick.</summary>
    private void SendHeartbeats(MPI.Intracommunicator communicator, PumpTraffic traffic)
    {
        foreach (var destination in Rank == 0 ? Enumerable.Range(1, Size - 1) : [0])
        {
            var payload = new byte[1];
            traffic.Sent(destination, new PendingSend(communicator.ImmediateSend(payload, destination, HeartbeatTag), payload));
        }
    }

    /// <summary>After the stop tick: send what is queued, learn what to expect, and receive all of it.</summary>
    private void Drain(MPI.Intracommunicator communicator, PumpTraffic traffic)
    {
        _outbox.Writer.TryComplete();
        FlushOutbox(communicator, traffic);
        var expected = communicator.Alltoall(traffic.SentTo);
        while (!traffic.HasReceivedAll(expected) || traffic.SendsInFlight > 0)
        {
            var busy = traffic.CompleteSends();
            busy |= ReceiveArrived(communicator, traffic);
            if (!busy)
            {
                _wake.WaitOne(_options.IdlePollInterval);
            }
        }
    }

    private bool FlushOutbox(MPI.Intracommunicator communicator, PumpTraffic traffic)
    {
        var any = false;
        while (_outbox.Reader.TryRead(out var message))
        {
            var request = communicator.ImmediateSend(message.Payload, message.Destination, message.Tag);
            traffic.Sent(message.Destination, new PendingSend(request, message.Payload));
            any = true;
        }

        return any;
    }

    private bool ReceiveArrived(MPI.Intracommunicator communicator, PumpTraffic traffic)
    {
        for (var i = 0; i < _options.MaxReceivesPerPass; i++)
        {
            var status = communicator.ImmediateProbe(MPI.Communicator.anySource, MPI.Communicator.anyTag);
            if (status is null)
            {
                return i > 0;
            }

            var count = status.Count(typeof(byte))
                ?? throw new InvalidOperationException($"message from rank {status.Source} with tag {status.Tag} has no byte count: every rank must send through the pump");
            // Large payloads (blob chunks) go into pooled arrays: a fresh 4 MB array costs a thousand page faults,
            // which on a virtual machine cost more than the copy itself. The reader may return them (MpiMessage.Release).
            var pooled = count >= MpiMessage.PooledFrom;
            var payload = _payloads.Rent(count);
            communicator.Receive(status.Source, status.Tag, ref payload);
            traffic.Received(status.Source);
            _hearing!.Heard(status.Source);
            if (status.Tag == HeartbeatTag)
            {
                continue;
            }

            _inbox.Writer.TryWrite(new MpiMessage(status.Source, status.Tag, payload, count, pooled ? _payloads : null, _serializer));

            // What the readers queued meanwhile goes out now, not after the pass: a pass over a window of blob chunks
            // takes 10-20 ms, and each written chunk's acknowledgement waiting for its end held the sender's window shut.
            FlushOutbox(communicator, traffic);
        }

        return true;
    }
}
