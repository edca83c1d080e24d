using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>The lower-case names users write for the overlap and misfire policies (<c>--overlap queue</c>, <c>OVERLAP=queue</c>).</summary>
public static class SchedulePolicyNames
{
    public static string Format(OverlapPolicy policy) => policy.ToString().ToLowerInvariant();

    public static string Format(MisfirePolicy policy) => policy.ToString().ToLowerInvariant();

    public static ParseResult<OverlapPolicy> ParseOverlap(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "skip" => ParseResult<OverlapPolicy>.Success(OverlapPolicy.Skip),
        "queue" => ParseResult<OverlapPolicy>.Success(OverlapPolicy.Queue),
        "allow" => ParseResult<OverlapPolicy>.Success(OverlapPolicy.Allow),
        _ => ParseResult<OverlapPolicy>.Fail($"unknown overlap policy '{InputText.Quote(text)}': use skip (the default), queue or allow"),
    };

    public static ParseResult<MisfirePolicy> ParseMisfire(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "once" => ParseResult<MisfirePolicy>.Success(MisfirePolicy.Once),
        "skip" => ParseResult<MisfirePolicy>.Success(MisfirePolicy.Skip),
        _ => ParseResult<MisfirePolicy>.Fail($"unknown misfire policy '{InputText.Quote(text)}': use once (the default) or skip"),
    };
}
