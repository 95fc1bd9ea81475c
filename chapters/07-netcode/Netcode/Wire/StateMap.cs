using System.Collections;
using System.Globalization;

namespace Netcode.Wire;

/// <summary>
/// A msgpack map as a dictionary. Keys are strings at the top of a state, but nested maps may use numbers
/// (PyGaSe's chase example keys players by integer id). Integer keys compare by value whatever their C#
/// type, so <c>map[7]</c> finds the entry a peer sent as <c>7</c> (decoded as a long).
/// </summary>
public sealed class StateMap : Dictionary<object, object?>
{
    public StateMap() : base(KeyComparer.Instance) { }
    public StateMap(IEnumerable<KeyValuePair<object, object?>> entries) : base(entries, KeyComparer.Instance) { }

    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public new bool Equals(object? x, object? y) => object.Equals(Normal(x), Normal(y));

        public int GetHashCode(object obj) => Normal(obj)?.GetHashCode() ?? 0;

        private static object? Normal(object? key) => key switch
        {
            sbyte or short or int or long or byte or ushort or uint => Convert.ToInt64(key, CultureInfo.InvariantCulture),
            ulong u when u <= long.MaxValue => (long)u,
            _ => key,
        };
    }
}

/// <summary>The deletion marker: sent as the 4-byte msgpack bin <c>d2 81 e5 ba</c>, it removes a key when merged.</summary>
public sealed class ToDelete
{
    public static readonly ToDelete Instance = new();
    public static byte[] Bytes => [0xd2, 0x81, 0xe5, 0xba];
    private ToDelete() { }
    public override string ToString() => "TO_DELETE";
}

/// <summary>Deep copies and merges of value trees: what makes a delta a delta.</summary>
public static class Values
{
    /// <summary>
    /// Merges <paramref name="change"/> into <paramref name="target"/>: nested maps merge key by key, everything
    /// else replaces. A <see cref="ToDelete"/> removes the key when the target is a state, and stays a marker
    /// when the target is another update (<paramref name="intoUpdate"/>), since the receiver still has to
    /// delete. Copies what it stores, so later merges never reach back into the change (PyGaSe stores
    /// references, and its cached updates change under it).
    /// </summary>
    public static void MergeInto(IDictionary target, IDictionary change, bool intoUpdate)
    {
        foreach (DictionaryEntry entry in change)
        {
            if (entry.Value is ToDelete && !intoUpdate)
                target.Remove(entry.Key);
            else if (entry.Value is IDictionary nested && target[entry.Key] is IDictionary existing)
                MergeInto(existing, nested, intoUpdate);
            else
                target[Key(entry.Key)] = Copy(entry.Value);
        }
    }

    public static object? Copy(object? value) => value switch
    {
        IDictionary map => CopyMap(map),
        byte[] bytes => bytes,
        IList list => list.Cast<object?>().Select(Copy).ToList(),
        _ => value,
    };

    public static StateMap CopyMap(IDictionary map)
    {
        var copy = new StateMap();
        foreach (DictionaryEntry entry in map) copy[Key(entry.Key)] = Copy(entry.Value);
        return copy;
    }

    /// <summary>Integer keys are stored as long, the type they come back as from the wire.</summary>
    public static object Key(object key) => key switch
    {
        sbyte or short or int or byte or ushort or uint => Convert.ToInt64(key, CultureInfo.InvariantCulture),
        _ => key,
    };

    /// <summary>Reads a number as <typeparamref name="T"/> whatever way it arrived (long, double, float32).</summary>
    public static T As<T>(object? value) => value is T t ? t : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture)!;
}
