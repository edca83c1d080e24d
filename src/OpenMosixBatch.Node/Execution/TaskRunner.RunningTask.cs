using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Execution;

// What the runner knows of each running task: its order, process, its state on the node and its measurements.
public sealed partial class TaskRunner
{
    /// <summary>One running task: its order, process, life on the node (<see cref="NodeTaskState"/>) and last measurement.</summary>
    private sealed class RunningTask(TaskStartOrder order, TaskProcess process)
    {
        private readonly Lock _lock = new();
        private NodeTaskState _state = NodeTaskState.Of(order.Job, order.TaskIndex, process.StartTime);
        private ProcessSample _last;
        private DateTimeOffset _lastTime = process.StartTime;

        public TaskStartOrder Order { get; } = order;

        public TaskProcess Process { get; } = process;

        /// <summary>True when the task runs as its user, not as the node: its spool directory is the user's.</summary>
        public bool SwitchedUser { get; init; }

        /// <summary>The job's start time (clock ticks after boot), which tells it from a later process with its PID.</summary>
        public ulong? StartTicks { get; init; }

        public NodeTaskState State
        {
            get
            {
                lock (_lock)
                {
                    return _state;
                }
            }
        }

        public TimeSpan CpuTime { get; private set; }

        public long PeakRss { get; private set; }

        public TimeSpan RunQueueWait { get; private set; }

        /// <summary>Decides <paramref name="e"/> on the task's current state (one decision at a time) and keeps the new state.</summary>
        public NodeTaskDecision Apply(NodeTaskEvent e)
        {
            lock (_lock)
            {
                var decision = NodeTaskMachine.Apply(_state, e);
                _state = decision.State;
                return decision;
            }
        }

        /// <summary>The shepherd's totals, which count what the last sample missed (never less than sampled).</summary>
        public void RecordEnd(TaskEnd? end)
        {
            if (end is not null)
            {
                CpuTime = TimeSpan.FromTicks(Math.Max(CpuTime.Ticks, end.CpuTime.Ticks));
                PeakRss = Math.Max(PeakRss, end.PeakRssBytes);
            }
        }

        public TaskSampled Record(ProcessSample now, DateTimeOffset at)
        {
            // Group totals can drop when a child exits; never let CPU time go backwards.
            CpuTime = TimeSpan.FromSeconds(Math.Max(CpuTime.TotalSeconds, now.CpuTicks / (double)ProcfsReader.TicksPerSecond));
            PeakRss = Math.Max(PeakRss, now.RssBytes);
            RunQueueWait = TimeSpan.FromTicks(Math.Max(RunQueueWait.Ticks, (long)(now.RunQueueWaitNanoseconds / 100)));
            var seconds = Math.Max((at - _lastTime).TotalSeconds, 1e-3);
            var sample = new TaskSampled(Order.Job.Id, Order.TaskIndex, CpuTime, now.RssBytes, PeakRss,
                Math.Max(0, now.ReadBytes - _last.ReadBytes) / 1024.0 / seconds,
                Math.Max(0, now.WrittenBytes - _last.WrittenBytes) / 1024.0 / seconds,
                Math.Max(0, now.ReadCalls + now.WriteCalls - _last.ReadCalls - _last.WriteCalls) / seconds)
            {
                RunQueueWait = RunQueueWait,
            };
            _last = now;
            _lastTime = at;
            return sample;
        }
    }
}
