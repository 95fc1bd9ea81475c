using System.Reflection;

namespace Pickling;

/// <summary>
/// The allow-list: the only record types a stream can make the reader build, each under a stable name
/// that is all the stream ever says about it. A name that is not here is refused where it appears,
/// before any object of any type is constructed. This is the whole difference from Python's pickle and
/// .NET's BinaryFormatter, which build whatever type the sender names.
/// </summary>
/// <example><code>
/// var types = new TypeRegistry().Register&lt;Player&gt;("agar.Player").Register&lt;Pellet&gt;("agar.Pellet");
/// </code></example>
public sealed class TypeRegistry
{
    private readonly Dictionary<string, RecordType> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, RecordType> _byType = new();

    /// <summary>
    /// Allows <typeparamref name="T"/> under <paramref name="name"/>. Its fields are its public properties
    /// that have both a getter and a setter, in the order the source declares them. A public constructor
    /// without parameters is required: the reader creates the object first and fills its fields after,
    /// which is what lets a field point back at the object itself (a cycle).
    /// </summary>
    public TypeRegistry Register<T>(string name) where T : class, new()
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            throw new ArgumentException("a record name must be 1 to 200 characters", nameof(name));
        if (_byName.ContainsKey(name)) throw new ArgumentException($"the name '{name}' is already registered", nameof(name));
        if (_byType.ContainsKey(typeof(T))) throw new ArgumentException($"{typeof(T).Name} is already registered", nameof(name));

        RecordField[] fields = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken) // declaration order, so the field order on the wire is the source's
            .Select(RecordField.For<T>)
            .ToArray();
        var record = new RecordType(name, typeof(T), static () => new T(), fields);
        _byName.Add(name, record);
        _byType.Add(typeof(T), record);
        return this;
    }

    /// <summary>The type registered under <paramref name="name"/>, or null: the reader's only way to a type.</summary>
    public RecordType? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The registration of a CLR type, or null: the writer's way from an object to its name.</summary>
    public RecordType? Find(Type type) => _byType.GetValueOrDefault(type);
}

/// <summary>One allowed record type: its wire name, its fields, and how to make an empty one.</summary>
public sealed class RecordType(string name, Type clrType, Func<object> create, RecordField[] fields)
{
    public string Name { get; } = name;
    public Type ClrType { get; } = clrType;
    public IReadOnlyList<RecordField> Fields => FieldArray;
    /// <summary>The same fields as an array: a foreach over it allocates nothing, which the hot path needs.</summary>
    internal RecordField[] FieldArray { get; } = fields;
    internal Func<object> Create { get; } = create;

    public RecordField? FindField(string fieldName)
    {
        foreach (RecordField field in Fields)
            if (field.Name == fieldName) return field;
        return null;
    }
}
