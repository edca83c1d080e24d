using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Simulation;

/// <summary>
/// RLScheduler's backfill (<c>--backfill greedy</c>), for comparison with its published figures only: the server does
/// not offer it. The first waiting job's reservation is computed once, when it first cannot start, by Core's
/// <see cref="ReservationBook"/> from the running jobs' requested times; until that job starts, any later job, taken in
/// submission order whatever the queue order, starts now if it fits and now + its requested time is strictly before the
/// reservation. Placement and thresholds are Core's (<see cref="AdmissionPolicy.TryStart"/>).
/// </summary>
public sealed partial class Simulator
{
    private void GreedyBackfill(long t, DateTimeOffset now)
    {
        if (_index.Pending.Count < 2 || _ledger.Nodes.All(n => n.FreeCpus == 0))
        {
            return;
        }

        var head = _jobs[_index.Pending.Min.JobId];
        var settings = _policy.Admission;
        if (_greedyReservation is not { } held || held.Head != head.Id)
        {
            held = (head.Id, new ReservationBook(_index, _jobs.GetValueOrDefault, settings).Reserve(head, _ledger));
            _greedyReservation = held;
        }

        if (held.At is not { } reservation)
        {
            return;
        }

        var starts = new List<TaskPlacement>();
        var candidates = _index.Pending.Where(k => k.JobId != head.Id).OrderBy(k => k.SubmitTime).ThenBy(k => k.JobId).ToList();
        foreach (var key in candidates)
        {
            var job = _jobs[key.JobId];
            if (job.Spec.Resources.Walltime is { } w && now + w < reservation)
            {
                AdmissionPolicy.TryStart(job, job.Tasks[0], _ledger, [], settings, starts);
            }
        }

        foreach (var start in starts)
        {
            Start(start.JobId, start.Nodes, t);
        }
    }
}
