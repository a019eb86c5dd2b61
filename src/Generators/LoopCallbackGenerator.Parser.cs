using System.Collections.Generic;
using System.Linq;
using Loopwire.Generators.Helpers;
using Loopwire.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Loopwire.Generators;

/// <content>The parser: turns a class with loop callbacks into an <see cref="AttachModel"/> or diagnostics.</content>
public sealed partial class LoopCallbackGenerator
{
    internal static class Parser
    {
        private const string PosixSignal = "global::System.Runtime.InteropServices.PosixSignal";

        private static readonly SymbolDisplayFormat TypeFormat =
            SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        // Names Attach gives its own parameters and locals; an emitter parameter must not take one.
        private static readonly HashSet<string> ReservedNames = ["loop", "target", "registration"];

        /// <summary>
        /// Parses the class of a method that carries a loop-callback attribute. Every marked method of a class yields
        /// the same result, so the pipeline keeps one per class.
        /// </summary>
        public static ParseResult<AttachModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.CallbackNotInstanceMethod, method.Locations.FirstOrDefault(), method.Name, "a local function");
                return new ParseResult<AttachModel>(null, new EquatableArray<DiagnosticInfo>([diagnostic]));
            }

            return new ClassParser(method.ContainingType, context.SemanticModel.Compilation, cancellationToken).Parse();
        }

        /// <summary>Parses one class; one instance per parse.</summary>
        private sealed class ClassParser(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
        {
            private readonly LoopAttributes _attributes = new(compilation);
            private readonly INamedTypeSymbol? _eventAttribute = compilation.GetTypeByMetadataName(EmitterGenerator.EventAttributeName);
            private readonly INamedTypeSymbol? _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            private readonly List<DiagnosticInfo> _diagnostics = [];
            private readonly List<EmitterParameterModel> _emitters = [];
            private readonly Dictionary<ITypeSymbol, string> _emitterNames = new(SymbolEqualityComparer.Default);
            private readonly List<LoopCallbackModel> _callbacks = [];
            private readonly List<SubscriptionModel> _subscriptions = [];

            public ParseResult<AttachModel> Parse()
            {
                var location = type.Locations.FirstOrDefault();
                if (ClassRequirements.WhyNotAClass(type) is { } kind)
                {
                    return Failed(DiagnosticInfo.Create(DiagnosticDescriptors.WiringNotAClass, location, type.Name, kind));
                }

                if (type.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
                {
                    PartialDeclarations.Check(declaration, DiagnosticDescriptors.WiringNotPartial, _diagnostics);
                }

                if (CompilerErrors.InConstraints(type))
                {
                    return Failed();
                }

                CheckAccessible(type, location);
                CheckBaseClasses(location);
                CheckCollisions();
                foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ParseMethod(method);
                }

                if (_diagnostics.Count > 0)
                {
                    return Failed();
                }

                var model = new AttachModel(
                    HierarchyInfo.From(type, ".Attach"),
                    TypeParameters(),
                    _emitters.ToEquatableArray(),
                    _callbacks.ToEquatableArray(),
                    _subscriptions.ToEquatableArray());
                return new ParseResult<AttachModel>(model, EquatableArray<DiagnosticInfo>.Empty);
            }

            private ParseResult<AttachModel> Failed(DiagnosticInfo? diagnostic = null)
            {
                if (diagnostic is not null)
                {
                    _diagnostics.Add(diagnostic);
                }

                return new ParseResult<AttachModel>(null, _diagnostics.ToEquatableArray());
            }

            private void ParseMethod(IMethodSymbol method)
            {
                var attributes = method.GetAttributes().Where(_attributes.IsLoopCallback).ToList();
                if (attributes.Count == 0 || CompilerErrors.InParameters(method) || CompilerErrors.InType(method.ReturnType))
                {
                    return; // not a callback, or the compiler already reports what is wrong with it
                }

                var location = method.Locations.FirstOrDefault();
                if (method.IsStatic || method.IsGenericMethod)
                {
                    var kind = method.IsStatic ? "static" : "generic";
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CallbackNotInstanceMethod, location, method.Name, kind));
                    return;
                }

                foreach (var attribute in attributes)
                {
                    if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error))
                    {
                        continue; // the compiler reports a missing or bad attribute argument
                    }

                    if (_attributes.KindOf(attribute) is { } callbackKind)
                    {
                        ParseCallback(method, attribute, callbackKind, location);
                    }
                    else
                    {
                        ParseSubscription(method, attribute, location);
                    }
                }
            }

            private void ParseCallback(IMethodSymbol method, AttributeData attribute, LoopCallbackKind kind, Location? location)
            {
                if (!method.ReturnsVoid || method.Parameters.Length > 0)
                {
                    var attributeName = attribute.AttributeClass!.Name.Replace("Attribute", "");
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadPhaseCallback, location, method.Name, attributeName));
                    return;
                }

                var argument = "";
                if (kind == LoopCallbackKind.Interval)
                {
                    var milliseconds = (int)attribute.ConstructorArguments[0].Value!;
                    if (milliseconds < 1)
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadInterval, ArgumentLocation(attribute) ?? location, method.Name, milliseconds.ToString()));
                        return;
                    }

                    argument = milliseconds.ToString();
                }
                else if (kind == LoopCallbackKind.Signal)
                {
                    argument = SignalExpression(attribute.ConstructorArguments[0]);
                }

                _callbacks.Add(new LoopCallbackModel(kind, Identifiers.Escape(method.Name), argument));
            }

            private void ParseSubscription(IMethodSymbol method, AttributeData attribute, Location? location)
            {
                var emitter = attribute.AttributeClass!.TypeArguments[0];
                var eventName = attribute.ConstructorArguments[0].Value as string;
                if (CompilerErrors.InType(emitter))
                {
                    return;
                }

                var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? location;
                if (emitter is not INamedTypeSymbol namedEmitter || !IsEmitter(namedEmitter))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAnEmitter, attributeLocation, emitter.ToDisplayString()));
                    return;
                }

                var events = EventsOf(namedEmitter);
                var @event = events.FirstOrDefault(e => e.WireName == eventName).Method;
                if (@event is null)
                {
                    var known = events.Count == 0 ? "none" : string.Join(", ", events.Select(e => $"\"{e.WireName}\""));
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEvent, ArgumentLocation(attribute) ?? attributeLocation, namedEmitter.Name, eventName ?? "null", known));
                    return;
                }

                if (!CheckAccessible(namedEmitter, attributeLocation))
                {
                    return;
                }

                var returnsTask = _task is not null && SymbolEqualityComparer.Default.Equals(method.ReturnType, _task);
                var matches = (method.ReturnsVoid || returnsTask)
                    && method.Parameters.Length == @event.Parameters.Length
                    && method.Parameters.Zip(@event.Parameters, (mine, theirs) => mine.RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(mine.Type, theirs.Type)).All(same => same);
                if (!matches)
                {
                    var payload = string.Join(", ", @event.Parameters.Select(p => p.Type.ToDisplayString()));
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HandlerMismatch, location, method.Name, eventName!, namedEmitter.Name, payload));
                    return;
                }

                var payloadTypes = @event.Parameters.Select(p => p.Type.ToDisplayString(TypeFormat)).ToList();
                if (returnsTask)
                {
                    payloadTypes.Add("global::System.Threading.Tasks.Task");
                }

                var listenerType = payloadTypes.Count == 0
                    ? "global::System.Action"
                    : $"global::System.{(returnsTask ? "Func" : "Action")}<{string.Join(", ", payloadTypes)}>";
                _subscriptions.Add(new SubscriptionModel(Identifiers.Escape(method.Name), EmitterParameter(namedEmitter), Identifiers.Escape(@event.Name), listenerType));
            }

            // The generated extension method lives at namespace level, so it can name only types visible there.
            private bool CheckAccessible(INamedTypeSymbol checkedType, Location? location)
            {
                for (var current = checkedType; current is not null; current = current.ContainingType)
                {
                    if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                    {
                        var accessibility = current.DeclaredAccessibility == Accessibility.ProtectedAndInternal ? "private protected" : current.DeclaredAccessibility.ToString().ToLowerInvariant();
                        var what = ReferenceEquals(current, checkedType) ? accessibility : $"nested in {accessibility} '{current.Name}'";
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WiringInaccessible, location, checkedType.Name, what));
                        return false;
                    }
                }

                return true;
            }

            private void CheckBaseClasses(Location? location)
            {
                for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                {
                    if (baseType.GetMembers().OfType<IMethodSymbol>().Any(m => m.GetAttributes().Any(_attributes.IsLoopCallback)))
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InheritedCallbacks, location, type.Name, baseType.Name));
                        return;
                    }
                }
            }

            private void CheckCollisions()
            {
                foreach (var member in type.GetMembers().Where(m => m.Name.StartsWith(GeneratedNames.PrivatePrefix, StringComparison.OrdinalIgnoreCase)))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.WiringMemberCollision, member.Locations.FirstOrDefault(), member.Name, GeneratedNames.PrivatePrefix, type.Name));
                }
            }

            private bool IsEmitter(INamedTypeSymbol candidate) =>
                candidate.TypeKind == TypeKind.Class
                && candidate.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == EmitterGenerator.EmitterAttributeName);

            // The emitter's [Event] methods with their wire names, read the way the emitter generator reads them.
            private List<(string WireName, IMethodSymbol Method)> EventsOf(INamedTypeSymbol emitter)
            {
                var events = new List<(string, IMethodSymbol)>();
                foreach (var member in emitter.GetMembers().OfType<IMethodSymbol>())
                {
                    var attribute = member.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _eventAttribute));
                    if (attribute is not null && WireNames.Of(member, attribute) is { } wireName)
                    {
                        events.Add((wireName, member));
                    }
                }

                return events;
            }

            private string EmitterParameter(INamedTypeSymbol emitter)
            {
                if (_emitterNames.TryGetValue(emitter, out var existing))
                {
                    return existing;
                }

                var baseName = Identifiers.Camel(emitter.Name);
                var name = baseName;
                for (var suffix = 2; ReservedNames.Contains(name) || _emitterNames.ContainsValue(Identifiers.Escape(name)); suffix++)
                {
                    name = baseName + suffix;
                }

                name = Identifiers.Escape(name);
                _emitterNames.Add(emitter, name);
                _emitters.Add(new EmitterParameterModel(name, emitter.ToDisplayString(TypeFormat)));
                return name;
            }

            private EquatableArray<TypeParameterModel> TypeParameters()
            {
                var chain = new List<INamedTypeSymbol>();
                for (var current = type; current is not null; current = current.ContainingType)
                {
                    chain.Insert(0, current);
                }

                return chain
                    .SelectMany(t => t.TypeParameters)
                    .Select(p => new TypeParameterModel(Identifiers.Escape(p.Name), Constraints(p)))
                    .ToEquatableArray();
            }

            private static string Constraints(ITypeParameterSymbol parameter)
            {
                var constraints = new List<string>();
                if (parameter.HasReferenceTypeConstraint)
                {
                    constraints.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
                }
                else if (parameter.HasUnmanagedTypeConstraint)
                {
                    constraints.Add("unmanaged");
                }
                else if (parameter.HasValueTypeConstraint)
                {
                    constraints.Add("struct");
                }
                else if (parameter.HasNotNullConstraint)
                {
                    constraints.Add("notnull");
                }

                constraints.AddRange(parameter.ConstraintTypes.Select(t => t.ToDisplayString(TypeFormat)));
                if (parameter.HasConstructorConstraint && !parameter.HasValueTypeConstraint)
                {
                    constraints.Add("new()");
                }

                return string.Join(", ", constraints);
            }

            private static string SignalExpression(TypedConstant signal)
            {
                var value = signal.Value is int number ? number : 0;
                var member = signal.Type?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
                return member is not null ? $"{PosixSignal}.{member.Name}" : $"({PosixSignal})({value})";
            }

            private Location? ArgumentLocation(AttributeData attribute) =>
                attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
                    ? syntax.ArgumentList.Arguments[0].GetLocation()
                    : null;
        }
    }
}
