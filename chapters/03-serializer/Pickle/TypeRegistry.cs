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

        PropertyInfo[] properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken) // declaration order, so the field order on the wire is the source's
            .ToArray();
        // The reflection happens here, once per type: the writer and reader then call the compiled methods.
        var record = new RecordType(name, typeof(T), _byType.Count, [.. properties.Select(RecordField.For<T>)],
            RecordCompiler.Create<T>(), RecordCompiler.Writer<T>(properties), RecordCompiler.Reader<T>(typeof(T).Name, properties));
        _byName.Add(name, record);
        _byType.Add(typeof(T), record);
        return this;
    }

    /// <summary>The type registered under <paramref name="name"/>, or null: the reader's only way to a type.</summary>
    public RecordType? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The registration of a CLR type, or null: the writer's way from an object to its name.</summary>
    public RecordType? Find(Type type) => _byType.GetValueOrDefault(type);

    /// <summary>How many types are registered; each has a <see cref="RecordType.Number"/> below this.</summary>
    public int Count => _byType.Count;
}

/// <summary>One allowed record type: its wire name, its fields, how to make an empty one, and the
/// methods that write and read all its fields (built by <see cref="RecordCompiler"/>).</summary>
public sealed class RecordType
{
    internal RecordType(string name, Type clrType, int number, RecordField[] fields,
        Func<object> create, Action<PickleWriter, object> writeFields, Action<PickleReader, object> readFields)
    {
        Name = name;
        ClrType = clrType;
        TypeHandle = clrType.TypeHandle.Value;
        Number = number;
        FieldArray = fields;
        Create = create;
        WriteFields = writeFields;
        ReadFields = readFields;
    }

    public string Name { get; }
    public Type ClrType { get; }
    /// <summary>The runtime's handle of <see cref="ClrType"/>: the writer compares it with an object's
    /// (<c>Type.GetTypeHandle(o)</c>), which is one load, where <c>o.GetType()</c> is a call.</summary>
    internal nint TypeHandle { get; }
    /// <summary>Its place in the registry (0, 1, 2 ...): lets the writer keep per-type state in an array.</summary>
    public int Number { get; }
    public IReadOnlyList<RecordField> Fields => FieldArray;
    /// <summary>The same fields as an array: a foreach over it allocates nothing, which the hot path needs.</summary>
    internal RecordField[] FieldArray { get; }
    internal Func<object> Create { get; }
    /// <summary>Writes every field, in <see cref="Fields"/> order.</summary>
    internal Action<PickleWriter, object> WriteFields { get; }
    /// <summary>Reads every field, in <see cref="Fields"/> order, into an object <see cref="Create"/> made.</summary>
    internal Action<PickleReader, object> ReadFields { get; }

    public RecordField? FindField(string fieldName)
    {
        foreach (RecordField field in Fields)
            if (field.Name == fieldName) return field;
        return null;
    }
}
