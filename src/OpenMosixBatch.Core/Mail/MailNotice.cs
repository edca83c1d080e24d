namespace OpenMosixBatch.Core.Mail;

/// <summary>One mail a job's <c>-m</c> asks for: to whom, and the message.</summary>
/// <param name="JobId">The job it is about.</param>
/// <param name="Event">'b' (began), 'e' (ended) or 'a' (aborted), as <c>-m</c> spells them.</param>
/// <param name="Recipients">The <c>-M</c> addresses, or the owner's user name.</param>
/// <param name="Subject">The subject line, PBS style: "PBS JOB 42".</param>
/// <param name="Body">The body: what happened, with the job's name, queue and exit status.</param>
public sealed record MailNotice(long JobId, char Event, IReadOnlyList<string> Recipients, string Subject, string Body);
