namespace OpenMosixBatch.Cli.Parsing;

/// <summary>
/// Reads the plain argument lists that make up nearly every qsub, qstat, qdel, qhold and qrls call (each option alone
/// in its token, its value in the next one) without CommandLineParser, whose reflection over the option class took a
/// fifth of a NativeAOT qsub's start. Anything else (help, grouped or attached short options, --long=value, a value
/// that starts with '-', an option given twice, anything unknown) is not plain: the caller hands it to
/// CommandLineParser, so help, errors and their exit codes stay CommandLineParser's. On the lists it accepts it must
/// give what CommandLineParser gives; a test compares the two.
/// </summary>
/// <typeparam name="T">The verb's option class.</typeparam>
public sealed class PlainOptionParser<T>
    where T : new()
{
    private readonly Dictionary<string, Action<T, string>> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<T, IEnumerable<string>>> _sequences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<T>> _flags = new(StringComparer.Ordinal);
    private Action<T, IEnumerable<string>>? _values;

    /// <summary>An option with one value: <c>-N name</c>.</summary>
    public PlainOptionParser<T> Scalar(char name, Action<T, string> set)
    {
        _scalars.Add("-" + name, set);
        return this;
    }

    /// <summary>An option that may be repeated, each time with one value: <c>-l mem=1gb -l walltime=1:00:00</c>.</summary>
    public PlainOptionParser<T> Sequence(char name, Action<T, IEnumerable<string>> set)
    {
        _sequences.Add("-" + name, set);
        return this;
    }

    /// <summary>A switch: <c>-h</c>, or <c>--run-home</c> for a long name.</summary>
    public PlainOptionParser<T> Flag(string name, Action<T> set)
    {
        ArgumentNullException.ThrowIfNull(name);
        _flags.Add(name.Length == 1 ? "-" + name : "--" + name, set);
        return this;
    }

    /// <summary>The positional values, wherever they stand among the options.</summary>
    public PlainOptionParser<T> Values(Action<T, IEnumerable<string>> set)
    {
        _values = set;
        return this;
    }

    /// <returns>The options, or null when <paramref name="args"/> is not a plain list.</returns>
    public T? TryParse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new T();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, List<string>>? sequences = null;
        List<string>? values = null;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token.Length == 0)
            {
                return default;
            }

            if (token[0] != '-')
            {
                if (_values is null)
                {
                    return default;
                }

                (values ??= []).Add(token);
                continue;
            }

            if (_flags.TryGetValue(token, out var flag))
            {
                if (!seen.Add(token))
                {
                    return default;
                }

                flag(options);
                continue;
            }

            var isScalar = _scalars.TryGetValue(token, out var scalar);
            if (!isScalar && !_sequences.ContainsKey(token)
                || i + 1 >= args.Count || args[i + 1] is not [not '-', ..] value)
            {
                return default;
            }

            i++;
            if (isScalar)
            {
                if (!seen.Add(token))
                {
                    return default;
                }

                scalar!(options, value);
            }
            else
            {
                sequences ??= new(StringComparer.Ordinal);
                if (!sequences.TryGetValue(token, out var list))
                {
                    sequences[token] = list = [];
                }

                list.Add(value);
            }
        }

        foreach (var (token, list) in sequences ?? [])
        {
            _sequences[token](options, list);
        }

        if (values is not null)
        {
            _values!(options, values);
        }

        return options;
    }
}
