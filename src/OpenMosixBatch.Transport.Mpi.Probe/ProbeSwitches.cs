using System.Globalization;

namespace OpenMosixBatch.Transport.Mpi.Probe;

/// <summary>The scenarios' <c>--name value</c> switches.</summary>
internal static class ProbeSwitches
{
    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
    public static string Text(string[] args, string name, string fallback) => Find(args, name) ?? fallback;

    /// <summary>The whole number after <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
    public static int Integer(string[] args, string name, int fallback) =>
        Find(args, name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    private static string? Find(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
