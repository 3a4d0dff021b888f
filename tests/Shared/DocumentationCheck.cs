using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace BuyingJourney.Testing;

/// <summary>
/// Reads a shipped assembly's XML documentation file beside it and lists every public or protected member whose
/// documentation misses a <c>&lt;param&gt;</c> for one of its parameters (or a <c>&lt;typeparam&gt;</c>), or documents a
/// parameter it does not have. The compiler checks summaries (CS1591) but not a member whose parameters are all undocumented.
/// </summary>
internal static class DocumentationCheck
{
    /// <summary>The XML documentation file beside <paramref name="assembly"/>.</summary>
    /// <param name="assembly">A shipped assembly.</param>
    public static XDocument Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var file = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"the documentation file of {assembly.GetName().Name} is not beside it", file);
        }

        return XDocument.Load(file);
    }

    /// <summary>"Member: missing param x" lines, one per problem; empty when the documentation is complete.</summary>
    /// <param name="assembly">The assembly.</param>
    /// <param name="documentation">Its XML documentation (see <see cref="Load"/>).</param>
    /// <param name="checkedMembers">How many documented public members were checked.</param>
    public static IReadOnlyList<string> Problems(Assembly assembly, XDocument documentation, out int checkedMembers)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(documentation);
        checkedMembers = 0;
        var docs = documentation.Descendants("member")
            .GroupBy(m => (string)m.Attribute("name")!)
            .ToDictionary(g => g.Key, g => g.First());
        var problems = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            docs.TryGetValue("T:" + Name(type), out var typeDoc);
            if (type.IsGenericTypeDefinition && typeDoc is not null)
            {
                // a nested type's generic arguments start with its declaring types'; those are documented there
                var inherited = type.DeclaringType?.GetGenericArguments().Length ?? 0;
                CheckNames(problems, "T:" + Name(type), typeDoc, "typeparam", type.GetGenericArguments().Skip(inherited).Select(a => a.Name));
            }

            if (typeof(Delegate).IsAssignableFrom(type))
            {
                // a delegate's parameters are documented on the type
                if (typeDoc is not null && typeDoc.Element("inheritdoc") is null && type.GetMethod("Invoke") is { } invoke)
                {
                    checkedMembers++;
                    CheckNames(problems, "T:" + Name(type), typeDoc, "param", invoke.GetParameters().Select(p => p.Name!));
                }

                continue;
            }

            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetConstructors(flags).Cast<MethodBase>()
                .Concat(type.GetMethods(flags).Where(m => !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)))
                .Where(m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);
            foreach (var method in members)
            {
                if (IsRecordPlumbing(type, method))
                {
                    continue;
                }

                var id = Id(method);
                if (!docs.TryGetValue(id, out var doc))
                {
                    // CS1591 makes every public member with parameters carry docs (only an implicit constructor has
                    // none), so a miss means this check computed the wrong id and would silently skip the member
                    if (method.GetParameters().Length > 0)
                    {
                        problems.Add($"{id}: no documentation under this id (the check's id may be wrong)");
                    }

                    continue;
                }

                if (doc.Element("inheritdoc") is not null)
                {
                    continue; // inheritdoc takes the base's
                }

                checkedMembers++;
                CheckNames(problems, id, doc, "param", method.GetParameters().Select(p => p.Name!));
                if (method.IsGenericMethodDefinition)
                {
                    CheckNames(problems, id, doc, "typeparam", method.GetGenericArguments().Select(a => a.Name));
                }
            }

            // indexers: properties with parameters, documented as P:Type.Item(...)
            foreach (var indexer in type.GetProperties(flags).Where(p => p.GetIndexParameters().Length > 0))
            {
                if (!indexer.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly))
                {
                    continue;
                }

                var parameters = indexer.GetIndexParameters();
                var id = "P:" + Name(type) + "." + indexer.Name + "(" + string.Join(",", parameters.Select(p => TypeId(p.ParameterType))) + ")";
                if (!docs.TryGetValue(id, out var doc) || doc.Element("inheritdoc") is not null)
                {
                    continue;
                }

                checkedMembers++;
                CheckNames(problems, id, doc, "param", parameters.Select(p => p.Name!));
            }
        }

        return problems;
    }

    private static void CheckNames(List<string> problems, string id, XElement doc, string tag, IEnumerable<string> expected)
    {
        var documented = doc.Elements(tag).Select(e => (string?)e.Attribute("name") ?? "").ToHashSet(StringComparer.Ordinal);
        var names = expected.ToArray();
        foreach (var name in names.Where(n => !documented.Contains(n)))
        {
            problems.Add($"{id}: missing <{tag} name=\"{name}\">");
        }

        foreach (var name in documented.Where(n => !names.Contains(n, StringComparer.Ordinal)))
        {
            problems.Add($"{id}: <{tag} name=\"{name}\"> names no {tag}");
        }
    }

    /// <summary>Members the compiler writes for records (no source to document).</summary>
    /// <remarks>A record struct has no <c>&lt;Clone&gt;$</c>; its synthesized members carry <see cref="System.Runtime.CompilerServices.CompilerGeneratedAttribute"/>.</remarks>
    private static bool IsRecordPlumbing(Type type, MethodBase method)
    {
        if (method.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false))
        {
            return true;
        }

        if (type.GetMethod("<Clone>$") is null)
        {
            return false;
        }

        return method.Name is "<Clone>$" or "Equals" or "GetHashCode" or "ToString" or "PrintMembers" or "op_Equality" or "op_Inequality" or "Deconstruct"
            || (method is ConstructorInfo ctor && ctor.GetParameters() is [{ } only] && only.ParameterType == type);
    }

    /// <summary>The documentation id of a method or constructor (ECMA-334 annex D).</summary>
    private static string Id(MethodBase method)
    {
        var builder = new StringBuilder("M:").Append(Name(method.DeclaringType!)).Append('.');
        builder.Append(method is ConstructorInfo ? (method.IsStatic ? "#cctor" : "#ctor") : method.Name);
        if (method.IsGenericMethodDefinition)
        {
            builder.Append("``").Append(method.GetGenericArguments().Length);
        }

        var parameters = method.GetParameters();
        if (parameters.Length > 0)
        {
            builder.Append('(').Append(string.Join(",", parameters.Select(p => TypeId(p.ParameterType)))).Append(')');
        }

        if (method.Name is "op_Implicit" or "op_Explicit" && method is MethodInfo info)
        {
            builder.Append('~').Append(TypeId(info.ReturnType));
        }

        return builder.ToString();
    }

    private static string Name(Type type)
        => (type.DeclaringType is { } outer ? Name(outer) + "." : type.Namespace + ".") + type.Name;

    private static string TypeId(Type type)
    {
        if (type.IsByRef)
        {
            return TypeId(type.GetElementType()!) + "@";
        }

        if (type.IsArray)
        {
            return TypeId(type.GetElementType()!) + "[]";
        }

        if (type.IsPointer)
        {
            return TypeId(type.GetElementType()!) + "*";
        }

        if (type.IsGenericMethodParameter)
        {
            return "``" + type.GenericParameterPosition;
        }

        if (type.IsGenericParameter)
        {
            return "`" + type.GenericParameterPosition;
        }

        if (type.IsGenericType)
        {
            return ConstructedName(type.GetGenericTypeDefinition(), type.GetGenericArguments());
        }

        return Name(type);
    }

    /// <summary>
    /// A constructed generic type's id: each level of nesting takes its own arguments, as in
    /// <c>Outer{System.Int32}.Inner{System.String}</c> (the runtime lists the declaring types' arguments first).
    /// </summary>
    private static string ConstructedName(Type definition, Type[] arguments)
    {
        var own = definition.GetGenericArguments().Length - (definition.DeclaringType?.GetGenericArguments().Length ?? 0);
        var outer = arguments.Length - own;
        var prefix = definition.DeclaringType is { } declaring
            ? (declaring.IsGenericTypeDefinition ? ConstructedName(declaring, arguments[..outer]) : Name(declaring)) + "."
            : definition.Namespace + ".";
        var name = definition.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick < 0)
        {
            return prefix + name;
        }

        return prefix + name[..tick] + "{" + string.Join(",", arguments[outer..].Select(TypeId)) + "}";
    }
}
