namespace OpenMosixBatch.Cli.Parsing;

/// <summary>qsub's argv split in three: the option tokens, the script with its arguments, and a '-- command'.</summary>
/// <param name="OptionTokens">Options and their values, for the option parser.</param>
/// <param name="Positionals">The script path followed by its arguments; empty when the script comes on stdin.</param>
/// <param name="Command">The command after '--', or null when there was no '--'.</param>
public sealed record QsubArguments(
    IReadOnlyList<string> OptionTokens,
    IReadOnlyList<string> Positionals,
    IReadOnlyList<string>? Command);
