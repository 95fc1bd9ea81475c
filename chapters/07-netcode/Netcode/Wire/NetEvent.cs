using System.Collections;

namespace Netcode.Wire;

/// <summary>
/// An event as PyGaSe sends it: a msgpack map <c>{"type": str, "handler_args": [...], "handler_kwargs": {...}}</c>.
/// The receiver looks up a handler by <see cref="Type"/> and calls it with the arguments.
/// </summary>
public sealed record NetEvent(string Type, IReadOnlyList<object?> Args, IReadOnlyDictionary<string, object?> Kwargs)
{
    /// <summary>
    /// The keyword a retried event carries its id under, so a receiver can apply it once. Only our peers add
    /// it (see <see cref="Peers.PeerOptions.TagRetriedEvents"/>); our receivers strip it before calling a handler.
    /// </summary>
    public const string IdKeyword = "_netcode_event_id";

    public NetEvent(string type, params object?[] args) : this(type, args, new Dictionary<string, object?>()) { }

    /// <summary>The de-duplication id, if the sender attached one (ids are positive 64-bit integers; <see cref="Decode"/> refuses others).</summary>
    public long? Id => Kwargs.TryGetValue(IdKeyword, out object? id) && id is long value ? value : null;

    public NetEvent WithId(long id) => this with { Kwargs = new Dictionary<string, object?>(Kwargs) { [IdKeyword] = id } };

    public NetEvent WithoutId() => Kwargs.ContainsKey(IdKeyword)
        ? this with { Kwargs = Kwargs.Where(k => k.Key != IdKeyword).ToDictionary(k => k.Key, k => k.Value) }
        : this;

    /// <summary>A keyword argument as a number or string, whatever numeric type it arrived as.</summary>
    public T Kw<T>(string name) => Kwargs.TryGetValue(name, out object? v) ? Values.As<T>(v) : throw new ArgumentException($"event {Type} has no argument '{name}'.");

    public T Arg<T>(int index) => index < Args.Count ? Values.As<T>(Args[index]) : throw new ArgumentException($"event {Type} has no argument #{index}.");

    public byte[] Encode()
    {
        // Key order as PyGaSe writes it: type, handler_args, handler_kwargs.
        var map = new StateMap
        {
            ["type"] = Type,
            ["handler_args"] = Args.ToList(),
            ["handler_kwargs"] = new StateMap(Kwargs.Select(k => new KeyValuePair<object, object?>(k.Key, k.Value))),
        };
        return Msgpack.Encode(map);
    }

    /// <exception cref="FormatException">Not a map with a string "type", an array and a string-keyed map.</exception>
    public static NetEvent Decode(ReadOnlyMemory<byte> bytes)
    {
        if (Msgpack.Decode(bytes.Span) is not StateMap map) throw new FormatException("an event must be a msgpack map.");
        if (!map.TryGetValue("type", out object? type) || type is not string name)
            throw new FormatException("an event needs a string 'type'.");
        IReadOnlyList<object?> args = map.TryGetValue("handler_args", out object? a)
            ? a as List<object?> ?? throw new FormatException("'handler_args' must be an array.")
            : [];
        var kwargs = new Dictionary<string, object?>();
        if (map.TryGetValue("handler_kwargs", out object? k))
        {
            if (k is not IDictionary given) throw new FormatException("'handler_kwargs' must be a map.");
            foreach (DictionaryEntry entry in given)
                kwargs[entry.Key as string ?? throw new FormatException("'handler_kwargs' keys must be strings.")] = entry.Value;
            if (kwargs.TryGetValue(IdKeyword, out object? id) && id is not long)
                throw new FormatException($"'{IdKeyword}' must be an integer that fits 64 signed bits.");
        }
        return new NetEvent(name, args, kwargs);
    }
}
