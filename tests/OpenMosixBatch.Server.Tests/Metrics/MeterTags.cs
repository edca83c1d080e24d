using System.Diagnostics.Metrics;
using OpenMosixBatch.Server.Metrics;

namespace OpenMosixBatch.Server.Tests.Metrics;

/// <summary>
/// Listens to one long counter of the server's meter and keeps one tag's values of the measurements taken while it is
/// open. The meter is process-wide: a test running meanwhile may add values, so tests look for theirs among them (or
/// pick measurements by a value of their own).
/// </summary>
internal sealed class MeterTags : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<string> _values = [];

    /// <param name="instrument">The counter, e.g. "omb.migrations".</param>
    /// <param name="tag">The tag whose values are kept, e.g. "cause".</param>
    /// <param name="value">Only measurements of this value count, when given.</param>
    public MeterTags(string instrument, string tag, long? value = null)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == ServerMeter.Name && i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, measured, tags, _) =>
        {
            if (value is { } only && measured != only)
            {
                return;
            }

            var found = tags.ToArray().Where(t => t.Key == tag).Select(t => (string)t.Value!).ToList();
            lock (_values)
            {
                _values.AddRange(found);
            }
        });
        _listener.Start();
    }

    public List<string> Values
    {
        get
        {
            lock (_values)
            {
                return [.. _values];
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
