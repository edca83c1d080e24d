using System.Diagnostics.CodeAnalysis;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Queue;

/// <summary>The job a per-job command (qdel, qhold, qrls, qrerun, qmove, qsig) names by an id, or that id's refusal.</summary>
internal static class ActionTarget
{
    /// <summary>False with <paramref name="refusal"/> when the id is malformed, names no job the caller sees, or an element of a non-array.</summary>
    public static bool TryResolve(WorkingSet working, Caller caller, string text, [NotNullWhen(true)] out Job? job, out JobReference reference,
        [NotNullWhen(false)] out JobActionResult? refusal)
    {
        job = null;
        refusal = null;
        if (!JobIds.TryParse(text, out reference))
        {
            refusal = Refused(text, ApiErrorKind.BadInput, $"invalid job id '{InputText.Quote(text)}': ids look like 42, 42.host, 42[] or 42[3]");
            return false;
        }

        // Another user's job is as unknown as a missing one (Caller.Sees): a refusal must not tell that it exists or whose it is.
        if (caller.Sees(working.Find(reference.JobId)) is not { } seen)
        {
            refusal = Refused(text, ApiErrorKind.Refused, Caller.UnknownJob(text));
            return false;
        }

        if (reference.ArrayIndex is not null && !seen.Spec.IsArray)
        {
            refusal = Refused(text, ApiErrorKind.Refused, $"job {seen.Id} is not an array: use {seen.Id}");
            return false;
        }

        job = seen;
        return true;
    }

    public static JobActionResult Refused(string id, ApiErrorKind kind, string message) => new(id, false, message, kind);
}
