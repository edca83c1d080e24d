namespace OpenMosixBatch.Core.Parsing;

/// <summary>One #PBS/#OMB directive of a script: where it is, what it says, and its words or why they could not be read.</summary>
/// <param name="Number">The script line the directive starts on (1-based).</param>
/// <param name="Text">The directive as written, continuation lines joined.</param>
/// <param name="Words">Its option words, split as a shell splits them; empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the words could not be read ("unterminated ' quote"), or null.</param>
public sealed record DirectiveLine(int Number, string Text, IReadOnlyList<string> Words, string? Error);
