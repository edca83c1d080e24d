using System.Collections;
using System.Reflection;

namespace OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;

/// <summary>
/// Compares two object graphs member by member through reflection, so that a member added to a Core record later is
/// compared without anyone updating the tests. Records compare IReadOnlyList members by reference, and
/// DateTimeOffset equality ignores the offset, so neither <c>Assert.Equal</c> on a job nor <c>==</c> would do.
/// </summary>
internal static class DeepEquality
{
    public static void AssertEqual(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        Assert.True(expected.GetType() == actual.GetType() || (expected is IEnumerable && actual is IEnumerable),
            $"{path}: expected a {expected.GetType().Name}, got a {actual.GetType().Name}");

        switch (expected)
        {
            case DateTimeOffset e:
                var a = (DateTimeOffset)actual;
                Assert.True(e.Ticks == a.Ticks && e.Offset == a.Offset, $"{path}: expected {e:O}, got {a:O}");
                return;
            case string or TimeSpan or Enum or bool or int or uint or long or ulong or double or decimal:
                Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
                return;
            case IDictionary e:
                var d = (IDictionary)actual;
                Assert.True(e.Count == d.Count, $"{path}: expected {e.Count} entries, got {d.Count}");
                foreach (DictionaryEntry entry in e)
                {
                    Assert.True(d.Contains(entry.Key), $"{path}: key {entry.Key} is missing");
                    AssertEqual(entry.Value, d[entry.Key], $"{path}[{entry.Key}]");
                }

                return;
            case IEnumerable e:
                var expectedItems = e.Cast<object?>().ToList();
                var actualItems = ((IEnumerable)actual).Cast<object?>().ToList();
                Assert.True(expectedItems.Count == actualItems.Count, $"{path}: expected {expectedItems.Count} items, got {actualItems.Count}");
                for (var i = 0; i < expectedItems.Count; i++)
                {
                    AssertEqual(expectedItems[i], actualItems[i], $"{path}[{i}]");
                }

                return;
            default:
                foreach (var property in Members(expected.GetType()))
                {
                    AssertEqual(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
                }

                return;
        }
    }

    /// <summary>
    /// Fails naming the first member that holds its CLR default (null, 0, empty), searched recursively. Booleans are
    /// left out: some default to true (Rerunnable, Migratable), so "set" has no single meaning for them; the tests
    /// round-trip one job with them false and one with them true instead.
    /// </summary>
    public static void AssertEveryMemberSet(object? value, string path = "$")
    {
        switch (value)
        {
            case null:
                Assert.Fail($"{path} is null");
                return;
            case string s:
                Assert.False(s.Length == 0, $"{path} is empty");
                return;
            case bool:
                return;
            case DateTimeOffset or TimeSpan or Enum or int or uint or long:
                Assert.False(value.Equals(Activator.CreateInstance(value.GetType())), $"{path} holds its default {value}");
                return;
            case IDictionary d:
                Assert.False(d.Count == 0, $"{path} is empty");
                return;
            case IEnumerable e:
                var items = e.Cast<object?>().ToList();
                Assert.False(items.Count == 0, $"{path} is empty");
                AssertEveryMemberSet(items[0], $"{path}[0]");
                return;
            default:
                foreach (var property in Members(value.GetType()).Where(p => p.CanWrite))
                {
                    AssertEveryMemberSet(property.GetValue(value), $"{path}.{property.Name}");
                }

                return;
        }
    }

    private static IEnumerable<PropertyInfo> Members(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");
}
