using System.Text;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Turns the bytes of a job script into text, refusing binaries and empty scripts.</summary>
public static class ScriptText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ParseResult<string> Decode(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        const string BinaryFix = "give a shell script, or run a program with 'qsub -- PROGRAM ARGS'";
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return ParseResult<string>.Fail($"{name} is a binary file, not a job script: {BinaryFix}");
        }

        string text;
        try
        {
            text = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ParseResult<string>.Fail($"{name} is a binary file (not UTF-8 text), not a job script: {BinaryFix}");
        }

        return string.IsNullOrWhiteSpace(text)
            ? ParseResult<string>.Fail($"{name} is empty: a job script needs at least one command")
            : ParseResult<string>.Success(text);
    }
}
