using System.Text;

namespace OpenMosixBatch.Node.Files;

/// <summary>
/// A directory entry's name as the file system holds it: bytes, which a user may make anything but '/' and NUL, so
/// not necessarily UTF-8. The node reaches and removes an entry by these bytes, so a name that is no string (a
/// Latin-1 "café") is still deleted with its tree; only what needs text (a tar entry) asks for <see cref="Text"/>.
/// </summary>
public sealed class EntryName
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal EntryName(ReadOnlySpan<byte> bytes)
    {
        // NUL-terminated, as the libc calls take it.
        Terminated = [.. bytes, 0];
        try
        {
            Text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Text = null;
        }
    }

    /// <summary>The name <paramref name="text"/> in UTF-8, as a path given to the node spells it.</summary>
    public static EntryName Of(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The name, or null when its bytes are not UTF-8.</summary>
    public string? Text { get; }

    /// <summary>The name for a message: its text, or with each byte that is not UTF-8 written as \xNN.</summary>
    public string Shown => Text ?? Escaped(Terminated.AsSpan(0, Terminated.Length - 1));

    /// <summary>The bytes and a final NUL.</summary>
    internal byte[] Terminated { get; }

    public override string ToString() => Shown;

    private static string Escaped(ReadOnlySpan<byte> bytes)
    {
        var shown = new StringBuilder();
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                shown.Append(rune.ToString());
            }
            else
            {
                shown.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{bytes[0]:X2}");
                consumed = 1;
            }

            bytes = bytes[consumed..];
        }

        return shown.ToString();
    }
}
