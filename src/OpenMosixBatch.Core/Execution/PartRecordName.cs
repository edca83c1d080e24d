using System.Globalization;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// The base name of a part's files in the node's <c>SPOOL/NODE.parts</c> (<c>JOB.TASK.PART</c>, then the shepherd's
/// suffixes and <c>.out</c>/<c>.err</c>): it names the part's task, so a later rank can end and account a part whose
/// rank died (<see cref="LeftoverPartRules"/>).
/// </summary>
public static class PartRecordName
{
    /// <summary>The base name of part <paramref name="partId"/> of task <paramref name="taskIndex"/> of job <paramref name="jobId"/>.</summary>
    public static string Format(long jobId, int taskIndex, long partId) =>
        string.Create(CultureInfo.InvariantCulture, $"{jobId}.{taskIndex}.{partId}");

    /// <summary>The ids in <paramref name="baseName"/>, or null when it is not a part's base name.</summary>
    public static (long JobId, int TaskIndex, long PartId)? Parse(string baseName)
    {
        ArgumentNullException.ThrowIfNull(baseName);
        return baseName.Split('.') is [var job, var task, var part]
            && long.TryParse(job, NumberStyles.None, CultureInfo.InvariantCulture, out var jobId) && jobId > 0
            && int.TryParse(task, NumberStyles.None, CultureInfo.InvariantCulture, out var taskIndex)
            && long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var partId) && partId > 0
            && Format(jobId, taskIndex, partId) == baseName
            ? (jobId, taskIndex, partId)
            : null;
    }
}
