#!/usr/bin/env node
import { createRequire as __pydebugCreateRequire } from 'node:module';
const require = __pydebugCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path31) {
      const ctrl = callVisitor(key, node, visitor, path31);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path31, ctrl);
        return visit_(key, ctrl, visitor, path31);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path31 = Object.freeze(path31.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path31);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path31 = Object.freeze(path31.concat(node));
          const ck = visit_("key", node.key, visitor, path31);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path31);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path31) {
      const ctrl = await callVisitor(key, node, visitor, path31);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path31, ctrl);
        return visitAsync_(key, ctrl, visitor, path31);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path31 = Object.freeze(path31.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path31);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path31 = Object.freeze(path31.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path31);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path31);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path31) {
      if (typeof visitor === "function")
        return visitor(key, node, path31);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path31);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path31);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path31);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path31);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path31);
      return void 0;
    }
    function replaceNode(key, path31, node) {
      const parent = path31[path31.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count: count2, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count2);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count2 = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count2)
            count2 = c;
        }
        return count2;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName2, tags) {
      if (tagName2) {
        const match = tags.filter((t) => t.tag === tagName2);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName2} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName2, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName2?.startsWith("!!"))
        tagName2 = defaultTagPrefix + tagName2.slice(2);
      let tagObj = findTagObject(value, tagName2, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName2)
        node.tag = tagName2;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path31, value) {
      let v = value;
      for (let i = path31.length - 1; i >= 0; --i) {
        const k = path31[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path31) => path31 == null || typeof path31 === "object" && !!path31[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path31, value) {
        if (isEmptyPath(path31))
          this.add(value);
        else {
          const [key, ...rest] = path31;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path31) {
        const [key, ...rest] = path31;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path31, keepScalar) {
        const [key, ...rest] = path31;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path31) {
        const [key, ...rest] = path31;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path31, value) {
        const [key, ...rest] = path31;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text3, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text3;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text3.length <= endStep)
        return text3;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text3, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text3[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text3[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text3, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text3[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text3[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text3;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text3;
      if (onFold)
        onFold();
      let res = text3.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text3.length;
        if (fold === 0)
          res = `
${indent}${text3.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text3[fold]}\\`;
          res += `
${indent}${text3.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text3, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text3[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text3[++i];
        } else {
          do {
            ch = text3[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text3[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code3 = json.substr(i + 2, 4);
                switch (code3) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code3.substr(0, 2) === "00")
                      str += "\\x" + code3.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify2(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify2;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify2 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify2.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify2.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify2 = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify2.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify2 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify3 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify3(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify2.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify2.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum2, line) => sum2 + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum2, line) => sum2 + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName2 = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName2}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify2 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify2.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify2.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify2.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path31, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path31, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path31) {
        if (Collection.isEmptyPath(path31)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path31) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path31, keepScalar) {
        if (Collection.isEmptyPath(path31))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path31, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path31) {
        if (Collection.isEmptyPath(path31))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path31) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path31, value) {
        if (Collection.isEmptyPath(path31)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path31), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path31, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count: count2, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count2);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code3, message) {
        super();
        this.name = name;
        this.code = code3;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code3, message) {
        super("YAMLParseError", pos, code3, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code3, message) {
        super("YAMLWarning", pos, code3, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count2 = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count2 = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count2);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName2, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName2 === "!" || tagName2 === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName2)
        coll.tag = tagName2;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName2 = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName2 || tagName2 === "!" || tagName2 === YAMLMap.YAMLMap.tagName && expType === "map" || tagName2 === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName2);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName2 && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName2];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName2}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName2);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName2, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName2;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code3, msg) => onError(offset + rel, code3, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code3 = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code3);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName2 = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName2)
        tag = findScalarTagByName(ctx.schema, value, tagName2, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName2)
        scalar.tag = tagName2;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName2, tagToken, onError) {
      if (tagName2 === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName2) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName2];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName2}`, tagName2 !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code3, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code3, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code3, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code3, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code3, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code3, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify2 = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify2;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path31) => {
      let item = cst;
      for (const [field, index] of path31) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path31) => {
      const parent = visit.itemAtPath(cst, path31.slice(0, -1));
      const field = path31[path31.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path31, item, visitor) {
      let ctrl = visitor(item, path31);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path31.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path31);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path31) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify2(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify2;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/cli/build-command.ts
import { mkdir as mkdir4 } from "node:fs/promises";
import path29 from "node:path";

// src/adapters/logger.ts
function createStreamLogger(write) {
  return {
    info: (message) => write(`${message}
`),
    warning: (message) => write(`warning: ${message}
`),
    group: async (title, body) => {
      write(`==> ${title}
`);
      return body();
    }
  };
}

// src/steps/build-python.ts
import path12 from "node:path";

// src/adapters/build-lock.ts
import { open, readFile, rm } from "node:fs/promises";
import os from "node:os";
async function withBuildLock(lockPath, what, log, work, options = {}) {
  const held = await acquire(lockPath, what, log, options.pollMs ?? 2e3);
  try {
    return await work();
  } finally {
    if (held) await rm(lockPath, { force: true });
  }
}
async function acquire(lockPath, what, log, pollMs) {
  let announced = false;
  for (; ; ) {
    const me = { pid: process.pid, host: os.hostname(), since: (/* @__PURE__ */ new Date()).toISOString() };
    try {
      const handle = await open(lockPath, "wx");
      try {
        await handle.writeFile(`${JSON.stringify(me)}
`);
      } finally {
        await handle.close();
      }
      return true;
    } catch (error) {
      const code3 = error.code;
      if (code3 === "EROFS" || code3 === "EACCES" || code3 === "EPERM") {
        log.info(`${what}: no lock file can be written in this cache folder (${code3}); going on without one`);
        return false;
      }
      if (code3 !== "EEXIST") throw error;
    }
    const owner = await readOwner(lockPath);
    if (owner === "gone") continue;
    if (owner && owner.host === me.host && !isAlive(owner.pid)) {
      log.warning(`${what}: the run that was building it (pid ${owner.pid}, since ${owner.since}) is gone; taking over its lock ${lockPath}`);
      await rm(lockPath, { force: true });
      continue;
    }
    if (!owner) {
      await delay(pollMs);
      if (await readOwner(lockPath) === void 0) {
        log.warning(`${what}: the lock ${lockPath} names no owner; taking it over`);
        await rm(lockPath, { force: true });
      }
      continue;
    }
    if (!announced) {
      log.info(
        `${what}: another run (pid ${owner.pid} on ${owner.host}, since ${owner.since}) is building it into this cache folder; waiting for it (lock: ${lockPath})`
      );
      announced = true;
    }
    await delay(pollMs);
  }
}
async function readOwner(lockPath) {
  let text3;
  try {
    text3 = await readFile(lockPath, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return "gone";
    throw error;
  }
  try {
    const owner = JSON.parse(text3);
    return typeof owner.pid === "number" && typeof owner.host === "string" ? { pid: owner.pid, host: owner.host, since: String(owner.since) } : void 0;
  } catch {
    return void 0;
  }
}
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
var delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// src/adapters/ccache.ts
import { access, mkdir, symlink } from "node:fs/promises";
import { constants } from "node:fs";
import path2 from "node:path";

// src/plan/ccache.ts
import path from "node:path";
var COMMON_COMPILERS = ["cc", "gcc", "clang", "c++", "g++", "clang++"];
function masqueradeNames(env) {
  const named = [env.CC, env.CXX].map((command) => command?.trim().split(/\s+/)[0]).filter((word) => !!word && !word.includes("/"));
  return [.../* @__PURE__ */ new Set([...COMMON_COMPILERS, ...named.map((word) => path.basename(word))])].sort();
}
function ccacheEnv(masqueradeDir, ccacheDir, env) {
  return { PATH: [masqueradeDir, env.PATH].filter((part) => part).join(path.delimiter), CCACHE_DIR: env.CCACHE_DIR || ccacheDir };
}
function parseCcacheStats(text3) {
  const values = /* @__PURE__ */ new Map();
  for (const line of text3.split("\n")) {
    const [name, value] = line.split("	");
    if (name && value !== void 0 && /^\d+$/.test(value.trim())) values.set(name.trim(), Number(value));
  }
  if (!values.has("cache_miss")) return void 0;
  return { hits: (values.get("direct_cache_hit") ?? 0) + (values.get("preprocessed_cache_hit") ?? 0), misses: values.get("cache_miss") ?? 0 };
}
function ccacheDelta(before, after) {
  if (!before || !after) return void 0;
  return { hits: Math.max(0, after.hits - before.hits), misses: Math.max(0, after.misses - before.misses) };
}
function ccacheCacheKeys(buildCacheKey) {
  const withoutDigest = buildCacheKey.replace(/-[0-9a-f]{16}$/, "-");
  return { key: `pydebug-ccache-${buildCacheKey}`, prefixes: [`pydebug-ccache-${withoutDigest}`] };
}

// src/adapters/ccache.ts
async function findOnPath(name, pathVariable) {
  for (const dir of (pathVariable ?? "").split(path2.delimiter)) {
    if (!dir) continue;
    const candidate = path2.join(dir, name);
    if (await access(candidate, constants.X_OK).then(
      () => true,
      () => false
    ))
      return candidate;
  }
  return void 0;
}
async function prepareCcacheMasquerade(dir, env) {
  if (env.CCACHE_DISABLE && env.CCACHE_DISABLE !== "0" && env.CCACHE_DISABLE.toLowerCase() !== "false") return void 0;
  const ccache = await findOnPath("ccache", env.PATH);
  if (!ccache) return void 0;
  await mkdir(dir, { recursive: true });
  for (const name of masqueradeNames(env)) {
    await symlink(ccache, path2.join(dir, name)).catch((error) => {
      if (error.code !== "EEXIST") throw error;
    });
  }
  return { ccache, dir };
}
async function readCcacheCounts(runner, ccache, env, cwd, logPath2) {
  const result = await runner.run({ argv: [ccache, "--print-stats"], cwd, env, logPath: logPath2, captureStdout: true }).catch(() => void 0);
  return result?.exitCode === 0 ? parseCcacheStats(result.stdout) : void 0;
}

// src/adapters/process.ts
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { readdir, readFile as readFile2 } from "node:fs/promises";
import path4 from "node:path";

// src/errors.ts
var PydebugError = class extends Error {
  exitCode = INTERNAL_ERROR_EXIT_CODE;
  constructor(message) {
    super(message);
    this.name = new.target.name;
  }
};
var ConfigError = class extends PydebugError {
  exitCode = 2;
};
var SourceError = class extends PydebugError {
  exitCode = 3;
};
var BuildError = class extends PydebugError {
  constructor(message, logPath2) {
    super(message);
    this.logPath = logPath2;
  }
  logPath;
  exitCode = 4;
};
var ExtensionBuildError = class extends BuildError {
  exitCode = 5;
};
var CANCEL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 };
var CancelledError = class extends PydebugError {
  constructor(signal, message = `cancelled by ${signal}`, logPath2) {
    super(message);
    this.signal = signal;
    this.logPath = logPath2;
    this.exitCode = CANCEL_EXIT_CODES[signal];
  }
  signal;
  logPath;
  exitCode;
};
var FINDINGS_EXIT_CODE = 1;
var INTERNAL_ERROR_EXIT_CODE = 70;

// src/adapters/log-pipe.ts
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, constants as constants2, openSync, unlinkSync, writeSync } from "node:fs";
import { Socket } from "node:net";
import os2 from "node:os";
import path3 from "node:path";
import { promisify } from "node:util";

// src/plan/log-limit.ts
var LOG_LIMIT_INPUT = "log-limit";
var BYTES_PER_MB = 1024 * 1024;
function logLimitBytesOf(megabytes) {
  return megabytes > 0 ? megabytes * BYTES_PER_MB : void 0;
}
function formatBytes(bytes) {
  if (bytes < BYTES_PER_MB) return `${bytes} bytes`;
  const megabytes = bytes / BYTES_PER_MB;
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}
function describeLogCut(cut) {
  return cut.reason === "log-limit" ? `${cut.droppedBytes} bytes of output were dropped at the ${LOG_LIMIT_INPUT} of ${formatBytes(cut.limitBytes)}, between the first part of the output and its end (raise ${LOG_LIMIT_INPUT}, in MB, to keep them)` : `${cut.droppedBytes} bytes of output could not be written to the log (${cut.error})`;
}
function logCutLine(cut) {
  return `pydebug: this log is incomplete: ${describeLogCut(cut)}; the process ran on to its end`;
}

// src/adapters/log-pipe.ts
var DRAIN_AFTER_EXIT_MS = 2e3;
async function openPipe() {
  const fifo = path3.join(os2.tmpdir(), `pydebug-log-${randomBytes(8).toString("hex")}`);
  await promisify(execFile)("mkfifo", ["-m", "600", fifo]);
  try {
    const readFd = openSync(fifo, constants2.O_RDONLY | constants2.O_NONBLOCK);
    return { readFd, writeFd: openSync(fifo, constants2.O_WRONLY) };
  } finally {
    unlinkSync(fifo);
  }
}
var MAX_TAIL_BYTES = 4 * 1024 * 1024;
async function openLogPipe(logPath2, limitBytes) {
  const logFd = openSync(logPath2, "a");
  let pipe;
  try {
    pipe = await openPipe();
  } catch (error) {
    closeSync(logFd);
    throw error;
  }
  const reader = new Socket({ fd: pipe.readFd, readable: true, writable: false });
  const tailBytes = limitBytes === void 0 ? 0 : Math.min(Math.floor(limitBytes / 4), MAX_TAIL_BYTES);
  const headBytes = limitBytes === void 0 ? Number.POSITIVE_INFINITY : limitBytes - tailBytes;
  let headWritten = 0;
  let headFull = false;
  const tail = [];
  let tailLength = 0;
  let droppedBetween = 0;
  let writeError;
  let endsWithNewline = true;
  const write = (bytes) => {
    const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
    let offset = 0;
    try {
      while (offset < buffer.length) offset += writeSync(logFd, buffer, offset);
    } catch (error) {
      writeError = { error: error instanceof Error ? error.message : String(error), droppedBytes: buffer.length - offset };
    }
    if (offset > 0) endsWithNewline = buffer[offset - 1] === 10;
    return offset;
  };
  reader.on("data", (data) => {
    if (writeError) {
      writeError.droppedBytes += data.length;
      return;
    }
    let chunk = data;
    if (!headFull) {
      if (headWritten + chunk.length <= headBytes) {
        headWritten += write(chunk);
        return;
      }
      const room = chunk.subarray(0, headBytes - headWritten);
      const lineEnd = room.lastIndexOf(10);
      const head = lineEnd >= 0 ? room.subarray(0, lineEnd + 1) : room;
      headWritten += write(head);
      headFull = true;
      chunk = chunk.subarray(head.length);
    }
    tail.push(chunk);
    tailLength += chunk.length;
    while (tail.length > 1 && tailLength - tail[0].length >= tailBytes) {
      const first = tail.shift();
      tailLength -= first.length;
      droppedBetween += first.length;
    }
  });
  const ended = new Promise((resolve) => {
    reader.on("end", resolve);
    reader.on("close", resolve);
    reader.on("error", () => resolve());
  });
  const keptTail = () => {
    let kept = Buffer.concat(tail);
    if (kept.length > tailBytes) {
      droppedBetween += kept.length - tailBytes;
      kept = kept.subarray(kept.length - tailBytes);
    }
    if (droppedBetween === 0) return kept;
    const lineStart2 = kept.indexOf(10) + 1;
    droppedBetween += lineStart2;
    return kept.subarray(lineStart2);
  };
  let writeEndOpen = true;
  const childStarted = () => {
    if (!writeEndOpen) return;
    writeEndOpen = false;
    closeSync(pipe.writeFd);
  };
  return {
    writeFd: pipe.writeFd,
    childStarted,
    async finish() {
      childStarted();
      let timer;
      await Promise.race([ended, new Promise((resolve) => timer = setTimeout(resolve, DRAIN_AFTER_EXIT_MS))]);
      clearTimeout(timer);
      reader.destroy();
      let cut;
      if (!writeError) {
        const kept = keptTail();
        if (droppedBetween > 0) {
          cut = { reason: "log-limit", droppedBytes: droppedBetween, limitBytes };
          write(`${endsWithNewline ? "" : "\n"}${logCutLine(cut)}
`);
        }
        write(kept);
      }
      if (writeError) {
        cut = { reason: "write-failed", droppedBytes: writeError.droppedBytes, error: writeError.error };
        write(`
${logCutLine(cut)}
`);
      }
      closeSync(logFd);
      return cut;
    }
  };
}

// src/adapters/process.ts
function mergeEnv(base, overrides = {}) {
  const env = { ...base };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === void 0) delete env[name];
    else env[name] = value;
  }
  return env;
}
var TIMEOUT_GRACE_MS = 5e3;
var CANCEL_GRACE_MS = 2e3;
function createProcessRunner(baseEnv = process.env, options = {}) {
  return {
    async run(spec) {
      const { cancel } = options;
      if (cancel?.aborted) throw cancelledDuring(cancel.reason, spec, false);
      mkdirSync(path4.dirname(spec.logPath), { recursive: true });
      const log = await openLogPipe(spec.logPath, options.logLimitBytes);
      const started = process.hrtime.bigint();
      return new Promise((resolve, reject) => {
        const [program, ...args] = spec.argv;
        let child;
        try {
          child = spawn(program, args, {
            cwd: spec.cwd,
            env: mergeEnv(baseEnv, spec.env),
            stdio: ["ignore", spec.captureStdout ? "pipe" : log.writeFd, log.writeFd],
            // Own process group, so a timeout also stops make's or regrtest's children.
            detached: true
          });
        } catch (error) {
          void log.finish().then(() => reject(error));
          return;
        }
        log.childStarted();
        let stdout = "";
        child.stdout?.setEncoding("utf8").on("data", (chunk) => {
          stdout += chunk;
        });
        let timedOut = false;
        let graceTimer;
        const killGroup = (signal) => {
          try {
            process.kill(-child.pid, signal);
          } catch {
            child.kill(signal);
          }
        };
        const timer = spec.timeoutMs === void 0 ? void 0 : setTimeout(() => {
          timedOut = true;
          if (spec.timeoutSignal === void 0 || spec.timeoutSignal === "SIGKILL") return killGroup("SIGKILL");
          killGroup(spec.timeoutSignal);
          graceTimer = setTimeout(() => killGroup("SIGKILL"), TIMEOUT_GRACE_MS);
        }, spec.timeoutMs);
        let cancelled = false;
        let cancelTimer;
        const onCancel = () => {
          cancelled = true;
          killGroup("SIGTERM");
          cancelTimer = setTimeout(() => killGroup("SIGKILL"), CANCEL_GRACE_MS);
        };
        cancel?.addEventListener("abort", onCancel, { once: true });
        if (cancel?.aborted) onCancel();
        let logClosed;
        const finish = () => {
          if (timer) clearTimeout(timer);
          if (graceTimer) clearTimeout(graceTimer);
          cancel?.removeEventListener("abort", onCancel);
          if (cancelTimer) clearTimeout(cancelTimer);
          if (cancelled) killGroup("SIGKILL");
          logClosed ??= (cancelled ? groupGone(child.pid, GROUP_GONE_WAIT_MS) : Promise.resolve()).then(() => log.finish());
          return logClosed;
        };
        child.on("error", (error) => {
          void finish().then(() => reject(new Error(`could not start ${program}: ${error.message}`)));
        });
        child.on("close", (exitCode, signal) => {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          void finish().then(
            (logCut) => cancelled ? reject(cancelledDuring(cancel?.reason, spec, true)) : resolve({
              argv: spec.argv,
              exitCode,
              signal,
              timedOut,
              seconds,
              logPath: spec.logPath,
              stdout,
              ...logCut ? { logCut } : {}
            })
          );
        });
      });
    }
  };
}
var GROUP_GONE_WAIT_MS = 2e3;
async function groupGone(pgid, waitMs) {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline && await groupHasLiveProcess(pgid)) await new Promise((resolve) => setTimeout(resolve, 20));
}
async function groupHasLiveProcess(pgid) {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  const entries = await readdir("/proc").catch(() => void 0);
  if (!entries) return true;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat3 = await readFile2(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const [state, , group] = stat3.slice(stat3.lastIndexOf(")") + 2).split(" ");
    if (Number(group) === pgid && state !== "Z" && state !== "X") return true;
  }
  return false;
}
function cancelledDuring(reason, spec, started) {
  if (!(reason instanceof CancelledError)) return reason instanceof Error ? reason : new Error(`cancelled: ${String(reason)}`);
  const command = `\`${spec.argv.join(" ")}\``;
  return started ? new CancelledError(reason.signal, `${reason.message} while ${command} ran: its processes were ended`, spec.logPath) : new CancelledError(reason.signal, `${reason.message} before ${command} started`);
}
function describeExit(result, timeoutMs) {
  if (result.timedOut) return `timed out${timeoutMs ? ` after ${Math.round(timeoutMs / 1e3)} s` : ""}`;
  if (result.signal) return `killed by ${result.signal}`;
  return `exit ${result.exitCode}`;
}

// src/adapters/download.ts
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir as mkdir2, rename, rm as rm2 } from "node:fs/promises";
import path6 from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/catalog/python-org-checksums.ts
var PYTHON_ORG_SOURCE_SHA256 = {};

// src/catalog/source-checksums.ts
var DEBIAN_ORIG_SHA256 = {
  // python3.11 3.11.2-6+deb12u8 (bookworm)
  "python3.11_3.11.2.orig.tar.gz": "2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849",
  // python3.13 3.13.5-2+deb13u5 (trixie)
  "python3.13_3.13.5.orig.tar.xz": "93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640"
};
function knownSourceChecksum(fileName) {
  const fromPythonOrg = PYTHON_ORG_SOURCE_SHA256[fileName];
  if (fromPythonOrg) return { sha256: fromPythonOrg, from: "python.org's published SHA-256 (pydebug's checksum list)" };
  const fromDebian = DEBIAN_ORIG_SHA256[fileName];
  if (fromDebian) return { sha256: fromDebian, from: "Debian's archive (pydebug's checksum list)" };
  return void 0;
}

// src/plan/source.ts
import path5 from "node:path";

// src/catalog/python-version.ts
var RELEASE_VERSION = /^(\d+)\.(\d+)\.(\d+)(?:(a|b|rc)(\d+))?$/;
function parsePythonVersion(text3) {
  const match = RELEASE_VERSION.exec(text3.trim());
  if (!match) return void 0;
  const [, major, minor, patch, preKind, preNumber] = match;
  const version = {
    major: Number(major),
    minor: Number(minor),
    patch: Number(patch),
    ...preKind ? { pre: { kind: preKind, number: Number(preNumber) } } : {}
  };
  return { ...version, text: `${version.major}.${version.minor}.${version.patch}${preKind ? `${preKind}${preNumber}` : ""}` };
}
function minorOf(version) {
  return `${version.major}.${version.minor}`;
}
function releaseOf(version) {
  return `${version.major}.${version.minor}.${version.patch}`;
}
function interpreterTag(version) {
  return `cp${version.major}${version.minor}`;
}
function compareMinor(version, minor) {
  let parsed = parsedMinors.get(minor);
  if (!parsed) {
    const [major, minorNumber] = minor.split(".").map(Number);
    parsed = { major, minor: minorNumber };
    parsedMinors.set(minor, parsed);
  }
  return version.major !== parsed.major ? version.major - parsed.major : version.minor - parsed.minor;
}
var parsedMinors = /* @__PURE__ */ new Map();
var MINOR_VERSION = /^(\d+)\.(\d+)$/;
function parseMinorVersion(text3) {
  const match = MINOR_VERSION.exec(text3.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : void 0;
}

// src/plan/source.ts
var DEFAULT_SOURCE_TEMPLATE = "https://www.python.org/ftp/python/{release}/Python-{version}.tgz";
var URL_SCHEME = /^(https?|file):\/\//i;
function resolveSourceSpec(source, python, resolvePath) {
  const text3 = source?.trim() || DEFAULT_SOURCE_TEMPLATE;
  const expanded = text3.replaceAll("{version}", python.text).replaceAll("{release}", releaseOf(python));
  if (URL_SCHEME.test(expanded)) {
    return expanded.toLowerCase().startsWith("file://") ? { kind: "file", path: decodeURIComponent(new URL(expanded).pathname) } : { kind: "url", url: expanded };
  }
  return { kind: "file", path: resolvePath(expanded) };
}
function describeSource(source) {
  return source.kind === "url" ? source.url : source.path;
}
function sourceFileName(source) {
  if (source.kind !== "url") return path5.basename(source.path);
  return decodeURIComponent(new URL(source.url).pathname.split("/").pop() ?? "");
}
function sourceIdentityOf(source, contentSha256) {
  if (source.kind === "url") return { url: source.url };
  if (!contentSha256) return { url: `file://${source.path}` };
  return source.kind === "tree" ? { tree: contentSha256 } : { sha256: contentSha256 };
}
var SOURCE_TREE_VERSION_FILE = "Include/patchlevel.h";
function sourceTreeProblem(folder, patchlevel, python) {
  const version = patchlevel === void 0 ? void 0 : /^#define\s+PY_VERSION\s+"([^"]+)"/m.exec(patchlevel)?.[1];
  if (version === void 0)
    return `${folder} does not look like a CPython source folder: ${SOURCE_TREE_VERSION_FILE} ${patchlevel === void 0 ? "is missing" : "has no PY_VERSION"}`;
  if (version.replace(/\+$/, "") !== python.text)
    return `${folder} holds CPython ${version}, not ${python.text}: give the folder's version (${version.replace(/\+$/, "")}) as the Python version, or another folder`;
  return void 0;
}

// src/plan/source-checksum.ts
var GIVEN_DIGEST_FROM = "the given source-sha256 (--sha256)";
var SHA256_HEX = /^[0-9a-f]{64}$/i;
function parseSha256(text3) {
  const hex = text3.trim().replace(/^sha256:/i, "");
  return SHA256_HEX.test(hex) ? hex.toLowerCase() : void 0;
}
function expectedSourceDigest(source, givenSha256) {
  if (givenSha256 !== void 0) return { sha256: givenSha256, from: GIVEN_DIGEST_FROM };
  return source.kind === "url" ? knownSourceChecksum(sourceFileName(source)) : void 0;
}
function digestMismatchMessage(what, location, expected, actualSha256) {
  return `${what}: ${location} has SHA-256 ${actualSha256}, but ${expected.from} expects ${expected.sha256}. It was not unpacked; check the source (a mirror serving another file, a truncated download) or the digest given.`;
}
function unverifiedDownloadWarning(what, url) {
  return `${what}: pydebug's checksum list has no SHA-256 for ${sourceFileName({ kind: "url", url }) || url}, so the download of ${url} is not verified. Give its SHA-256 with source-sha256 (--sha256) to check it.`;
}

// src/adapters/download.ts
async function downloadFile(url, destination, what, expected) {
  await mkdir2(path6.dirname(destination), { recursive: true });
  const temporary = `${destination}.${process.pid}.part`;
  let response;
  try {
    response = await fetch(url, { redirect: "follow" });
  } catch (error) {
    throw new SourceError(`${what}: could not download ${url}: ${causeOf(error)}`);
  }
  if (!response.ok || !response.body) {
    throw new SourceError(`${what}: could not download ${url}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  const announced = response.headers.get("content-length");
  const hash = createHash("sha256");
  let received = 0;
  try {
    await pipeline(
      Readable.fromWeb(response.body),
      async function* (chunks) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          received += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(temporary)
    );
  } catch (error) {
    await rm2(temporary, { force: true });
    const progress = announced ? ` after ${received} of ${announced} bytes` : ` after ${received} bytes`;
    throw new SourceError(`${what}: download of ${url} failed${progress}: ${causeOf(error)}`);
  }
  const sha256 = hash.digest("hex");
  if (expected && sha256 !== expected.sha256) {
    await rm2(temporary, { force: true });
    throw new SourceError(digestMismatchMessage(what, `the download of ${url}`, expected, sha256));
  }
  await rename(temporary, destination);
  return { sha256 };
}
function causeOf(error) {
  if (error instanceof Error) {
    const cause = error.cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

// src/adapters/files.ts
import { createHash as createHash2 } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import {
  copyFile,
  link,
  lstat,
  mkdir as mkdir3,
  mkdtemp,
  open as open2,
  readdir as readdir2,
  readFile as readFile3,
  readlink,
  rename as rename2,
  rm as rm3,
  stat,
  symlink as symlink2,
  writeFile
} from "node:fs/promises";
import os3 from "node:os";
import path7 from "node:path";

// src/concurrency.ts
async function mapWithConcurrency(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

// src/adapters/files.ts
async function sha256File(filePath) {
  const hash = createHash2("sha256");
  for await (const chunk of createReadStream(filePath)) hash.update(chunk);
  return hash.digest("hex");
}
async function hashTree(root, skip) {
  const hash = createHash2("sha256");
  const walk = async (relativeDir) => {
    const entries = await readdir2(path7.join(root, relativeDir), { withFileTypes: true });
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      const relativePath = path7.posix.join(relativeDir, entry.name);
      if (skip(relativePath, entry.isDirectory())) continue;
      if (entry.isDirectory()) await walk(relativePath);
      else if (entry.isFile()) {
        hash.update(`${relativePath}\0`);
        hash.update(await readFile3(path7.join(root, relativePath)));
        hash.update("\0");
      }
    }
  };
  await walk("");
  return hash.digest("hex");
}
async function writeFileAtomic(filePath, content) {
  await throughTemporary(filePath, (temporary) => writeFile(temporary, content));
}
async function throughTemporary(destination, write) {
  await mkdir3(path7.dirname(destination), { recursive: true });
  const temporary = `${destination}.${process.pid}.tmp`;
  await write(temporary);
  await rename2(temporary, destination);
}
async function readJsonIfPresent(filePath) {
  try {
    return JSON.parse(await readFile3(filePath, "utf8"));
  } catch {
    return void 0;
  }
}
async function tailLines(filePath, count2) {
  let handle;
  try {
    handle = await open2(filePath, "r");
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString("utf8").split("\n");
    if (lines.at(-1) === "") lines.pop();
    return lines.slice(-count2);
  } catch {
    return [];
  } finally {
    await handle?.close();
  }
}
async function listFiles(root) {
  const files = [];
  const walk = async (directory) => {
    for (const entry of await readdir2(directory, { withFileTypes: true })) {
      const entryPath = path7.join(directory, entry.name);
      if (entry.isDirectory()) await walk(entryPath);
      else if (entry.isFile()) files.push(entryPath);
    }
  };
  await walk(root);
  return files.sort();
}
async function readTreeEntries(root, skip = () => false) {
  const found = [];
  const walk = async (relativeDir) => {
    for (const entry of await readdir2(path7.join(root, relativeDir), { withFileTypes: true })) {
      const relativePath = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (skip(relativePath)) continue;
      if (entry.isDirectory()) await walk(relativePath);
      else found.push({ relativePath, kind: entry.isFile() ? "file" : entry.isSymbolicLink() ? "symlink" : "other" });
    }
  };
  await walk("");
  return mapWithConcurrency(found, TREE_READERS, async ({ relativePath, kind }) => {
    const absolute = path7.join(root, relativePath);
    if (kind === "symlink") return { path: relativePath, kind, target: await readlink(absolute) };
    if (kind === "other") return { path: relativePath, kind };
    return { path: relativePath, kind, size: (await lstat(absolute)).size, sha256: await sha256File(absolute) };
  });
}
var TREE_READERS = 8;
async function treeBytes(root) {
  const seen = /* @__PURE__ */ new Set();
  let total = 0;
  const walk = async (directory) => {
    for (const entry of await readdir2(directory, { withFileTypes: true })) {
      const entryPath = path7.join(directory, entry.name);
      if (entry.isDirectory()) await walk(entryPath);
      else {
        const info = await lstat(entryPath);
        const inode = `${info.dev}:${info.ino}`;
        if (seen.has(inode)) continue;
        seen.add(inode);
        total += info.size;
      }
    }
  };
  await walk(root);
  return total;
}
async function hardLinkIfIdentical(original, duplicate) {
  const [a, b] = await Promise.all([lstat(original), lstat(duplicate)]);
  if (!a.isFile() || !b.isFile() || a.size !== b.size) return false;
  if (a.dev === b.dev && a.ino === b.ino) return true;
  if (await sha256File(original) !== await sha256File(duplicate)) return false;
  const temporary = `${duplicate}.${process.pid}.link`;
  await link(original, temporary);
  await rename2(temporary, duplicate);
  return true;
}
async function listRelativeFiles(root) {
  return (await listFiles(root)).map((file) => path7.relative(root, file).split(path7.sep).join("/"));
}
async function copyFileAtomic(source, destination) {
  await throughTemporary(destination, (temporary) => copyFile(source, temporary));
}
async function makeScratchDir(prefix) {
  return makeTempDirIn(os3.tmpdir(), prefix);
}
async function makeTempDirIn(parent, prefix) {
  return mkdtemp(path7.join(parent, prefix));
}
async function ensureDir(dir) {
  await mkdir3(dir, { recursive: true });
}
async function removeTree(target) {
  await rm3(target, { recursive: true, force: true });
}
async function removeFile(filePath) {
  await rm3(filePath, { force: true });
}
async function pathExists(target) {
  return stat(target).then(
    () => true,
    () => false
  );
}
function pathExistsSync(target) {
  return existsSync(target);
}
async function isFile(target) {
  return stat(target).then(
    (info) => info.isFile(),
    () => false
  );
}
async function readText(filePath) {
  return readFile3(filePath, "utf8");
}
async function readTextIfPresent(filePath) {
  return readFile3(filePath, "utf8").catch(() => void 0);
}
async function readBytes(filePath) {
  return readFile3(filePath);
}
async function writeText(filePath, content) {
  await writeFile(filePath, content);
}
async function listDir(dir) {
  return readdir2(dir);
}
async function listDirEntries(dir) {
  return (await readdir2(dir, { withFileTypes: true })).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
}
async function listTree(dir) {
  return readdir2(dir, { recursive: true });
}
async function copyTree(source, destination, skip) {
  const target = path7.resolve(destination);
  const copy = async (relativeDir) => {
    await mkdir3(path7.join(target, relativeDir), { recursive: true });
    for (const entry of await readdir2(path7.join(source, relativeDir), { withFileTypes: true })) {
      const relativePath = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      const from = path7.join(source, relativePath);
      if (path7.resolve(from) === target || skip(relativePath, entry.isDirectory())) continue;
      if (entry.isDirectory()) await copy(relativePath);
      else if (entry.isSymbolicLink()) await symlink2(await readlink(from), path7.join(target, relativePath));
      else await copyFile(from, path7.join(target, relativePath));
    }
  };
  await copy("");
}
async function copyFileIfPresent(source, destination) {
  await copyFile(source, destination).catch((error) => {
    if (error.code !== "ENOENT") throw error;
  });
}
async function tryCopyFile(source, destination) {
  return copyFile(source, destination).then(
    () => true,
    () => false
  );
}
async function moveFile(from, to) {
  await rename2(from, to);
}
async function replaceWithSymlink(target, linkPath) {
  const temporary = path7.join(path7.dirname(linkPath), `.${path7.basename(linkPath)}.${process.pid}`);
  await rm3(temporary, { force: true });
  await symlink2(target, temporary);
  await rename2(temporary, linkPath);
}

// src/adapters/platform.ts
import { mkdtempSync, rmSync } from "node:fs";
import os4 from "node:os";
import path8 from "node:path";
async function detectPlatform(runner, env) {
  const chosenCompiler = compilerChosenForCPython(env);
  return {
    os: process.platform,
    arch: process.arch,
    ...env.ImageOS ? { image: env.ImageOS } : {},
    ...chosenCompiler ? { compiler: await compilerVersion(runner, chosenCompiler) ?? chosenCompiler } : {}
  };
}
function compilerChosenForCPython(env) {
  return env.CC?.trim() || void 0;
}
async function compilerVersion(runner, compiler) {
  const scratch = mkdtempSync(path8.join(os4.tmpdir(), "pydebug-cc-"));
  try {
    const result = await runner.run({ argv: [...compiler.split(/\s+/), "--version"], cwd: scratch, logPath: path8.join(scratch, "cc.log"), captureStdout: true }).catch(() => void 0);
    return result?.exitCode === 0 ? result.stdout.split("\n")[0].trim() : void 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// src/adapters/prefix-manifest.ts
import { readFile as readFile4 } from "node:fs/promises";
import path9 from "node:path";

// src/plan/prefix-manifest.ts
var MANIFEST_FILE = "pydebug-manifest.json";
function manifestOf(entries) {
  const sorted = [...entries].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const files = {};
  const links = {};
  for (const entry of sorted) {
    if (entry.kind === "file") files[entry.path] = { size: entry.size, sha256: entry.sha256 };
    else if (entry.kind === "symlink") links[entry.path] = entry.target;
  }
  return { schema: 1, files, links };
}
function parseManifest(text3) {
  let value;
  try {
    value = JSON.parse(text3);
  } catch {
    return void 0;
  }
  if (!isRecord(value) || value.schema !== 1 || !isRecord(value.files) || !isRecord(value.links)) return void 0;
  const filesValid = Object.values(value.files).every(
    (file) => isRecord(file) && Number.isSafeInteger(file.size) && file.size >= 0 && typeof file.sha256 === "string" && /^[0-9a-f]{64}$/.test(file.sha256)
  );
  const linksValid = Object.values(value.links).every((target) => typeof target === "string");
  return filesValid && linksValid ? value : void 0;
}
function compareWithManifest(manifest, entries) {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const missing = [];
  const changed = [];
  for (const [filePath, expected] of Object.entries(manifest.files)) {
    const found = byPath.get(filePath);
    if (found?.kind !== "file") missing.push(filePath);
    else if (found.size !== expected.size) changed.push({ path: filePath, difference: `${found.size} bytes instead of ${expected.size}` });
    else if (found.sha256 !== expected.sha256)
      changed.push({ path: filePath, difference: `SHA-256 ${found.sha256.slice(0, 12)}\u2026 instead of ${expected.sha256.slice(0, 12)}\u2026` });
  }
  for (const [linkPath, target] of Object.entries(manifest.links)) {
    const found = byPath.get(linkPath);
    if (found?.kind !== "symlink") missing.push(linkPath);
    else if (found.target !== target) changed.push({ path: linkPath, difference: `a link to ${found.target} instead of ${target}` });
  }
  const extra = entries.filter((entry) => entry.kind !== "other" && !(entry.path in manifest.files) && !(entry.path in manifest.links)).map((entry) => entry.path);
  return { missing: missing.sort(), changed: changed.sort((a, b) => a.path < b.path ? -1 : 1), extra };
}
function describeManifestMismatch(comparison, shown = 3) {
  const parts = [];
  const list = (paths) => `${paths.slice(0, shown).join(", ")}${paths.length > shown ? `, and ${paths.length - shown} more` : ""}`;
  if (comparison.changed.length) {
    parts.push(
      `${comparison.changed.length} ${plural(comparison.changed.length, "file differs", "files differ")} from the manifest (${list(comparison.changed.map((change) => `${change.path}: ${change.difference}`))})`
    );
  }
  if (comparison.missing.length)
    parts.push(`${comparison.missing.length} ${plural(comparison.missing.length, "file is", "files are")} missing (${list(comparison.missing)})`);
  return parts.length ? parts.join("; ") : void 0;
}
function plural(count2, one, many) {
  return count2 === 1 ? one : many;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/adapters/prefix-manifest.ts
var notTheManifest = (relativePath) => relativePath === MANIFEST_FILE || relativePath.startsWith(`${MANIFEST_FILE}.`);
async function writePrefixManifest(prefix) {
  const manifest = manifestOf(await readTreeEntries(prefix, notTheManifest));
  await writeFileAtomic(path9.join(prefix, MANIFEST_FILE), `${JSON.stringify(manifest)}
`);
}
async function checkPrefixManifest(prefix) {
  let text3;
  try {
    text3 = await readFile4(path9.join(prefix, MANIFEST_FILE), "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return { state: "absent" };
    throw error;
  }
  const manifest = parseManifest(text3);
  if (!manifest) return { state: "differs", problem: `its manifest ${MANIFEST_FILE} is damaged (not the JSON pydebug writes)` };
  const problem = describeManifestMismatch(compareWithManifest(manifest, await readTreeEntries(prefix, notTheManifest)));
  return problem ? { state: "differs", problem } : { state: "matches" };
}

// src/adapters/tar-listing.ts
import { spawn as spawn2 } from "node:child_process";
import { createReadStream as createReadStream2 } from "node:fs";
import { open as open3 } from "node:fs/promises";
import { createGunzip } from "node:zlib";

// src/plan/tar-members.ts
import path10 from "node:path";
var BLOCK = 512;
var TarFormatError = class extends Error {
};
var TarHeaderReader = class {
  pending = [];
  pendingBytes = 0;
  /** Bytes of member data still to skip. */
  skip = 0;
  /** A pax or GNU long-name header whose data is being collected, and how many bytes it has (padded to blocks). */
  collecting;
  nextOverrides = {};
  finished = false;
  push(chunk) {
    const members = [];
    let offset = 0;
    while (offset < chunk.length && !this.finished) {
      if (this.skip > 0) {
        const step2 = Math.min(this.skip, chunk.length - offset);
        this.skip -= step2;
        offset += step2;
        continue;
      }
      const wanted = this.collecting ? this.collecting.padded : BLOCK;
      const step = Math.min(wanted - this.pendingBytes, chunk.length - offset);
      this.pending.push(chunk.subarray(offset, offset + step));
      this.pendingBytes += step;
      offset += step;
      if (this.pendingBytes < wanted) break;
      const bytes = concat(this.pending, this.pendingBytes);
      this.pending = [];
      this.pendingBytes = 0;
      const member = this.collecting ? this.finishCollecting(bytes) : this.readHeader(bytes);
      if (member) members.push(member);
    }
    return members;
  }
  end() {
    if (this.finished) return;
    if (this.skip > 0 || this.collecting || this.pendingBytes > 0) throw new TarFormatError("the archive ends inside a member (truncated)");
  }
  readHeader(block) {
    if (block.every((byte) => byte === 0)) {
      this.finished = true;
      return void 0;
    }
    if (!checksumMatches(block)) throw new TarFormatError("a header block has a wrong checksum: not a tar archive, or a damaged one");
    const typeFlag = block[156] === 0 ? "0" : String.fromCharCode(block[156]);
    const size = readNumber(block, 124, 12);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (typeFlag === "x" || typeFlag === "g" || typeFlag === "L" || typeFlag === "K") {
      if (size > 1024 * 1024) throw new TarFormatError(`a ${typeFlag} header of ${size} bytes is implausibly large`);
      if (padded === 0) return void 0;
      this.collecting = { flag: typeFlag, size, padded };
      return void 0;
    }
    const ustar = text(block, 257, 5) === "ustar";
    const name = text(block, 0, 100);
    const prefix = ustar ? text(block, 345, 155) : "";
    const headerPath = prefix ? `${prefix}/${name}` : name;
    const { path: overriddenPath, linkTarget: overriddenLink } = this.nextOverrides;
    this.nextOverrides = {};
    const type = memberType(typeFlag);
    const linkName = text(block, 157, 100);
    this.skip = type === "symlink" || type === "hardlink" || type === "directory" ? 0 : padded;
    return {
      path: overriddenPath ?? headerPath,
      type,
      typeFlag,
      ...type === "symlink" || type === "hardlink" ? { linkTarget: overriddenLink ?? linkName } : {}
    };
  }
  finishCollecting(bytes) {
    const { flag, size } = this.collecting;
    this.collecting = void 0;
    const data = bytes.subarray(0, size);
    if (flag === "L") this.nextOverrides.path = cString(data);
    else if (flag === "K") this.nextOverrides.linkTarget = cString(data);
    else if (flag === "x") {
      const records = parsePaxRecords(data);
      if (records.path !== void 0) this.nextOverrides.path = records.path;
      if (records.linkpath !== void 0) this.nextOverrides.linkTarget = records.linkpath;
    }
    return void 0;
  }
};
function unsafeMemberReason(member) {
  if (isAbsolute(member.path)) return "an absolute path";
  if (member.path.split("/").includes("..")) return "a '..' step in its path";
  if (member.type === "special") return `a device or fifo (type ${member.typeFlag})`;
  if (member.type === "symlink" || member.type === "hardlink") {
    const kind = member.type === "symlink" ? "symbolic" : "hard";
    const target = member.linkTarget ?? "";
    if (isAbsolute(target)) return `a ${kind} link to the absolute path ${target}`;
    const resolved = path10.posix.normalize(member.type === "symlink" ? path10.posix.join(path10.posix.dirname(member.path), target) : target);
    if (resolved === ".." || resolved.startsWith("../")) return `a ${kind} link to ${target}, outside the folder it unpacks into`;
  }
  return void 0;
}
function findUnsafeMember(members) {
  const links = [];
  for (const member of members) {
    const reason = unsafeMemberReason(member);
    if (reason) return { member, reason };
    const normalized = path10.posix.normalize(member.path).replace(/\/+$/, "");
    const link2 = links.find((linkPath) => normalized.startsWith(`${linkPath}/`));
    if (link2) return { member, reason: `a path under the symbolic link ${link2}` };
    if (member.type === "symlink") links.push(normalized);
  }
  return void 0;
}
function isAbsolute(memberPath) {
  return memberPath.startsWith("/") || /^[A-Za-z]:[\\/]/.test(memberPath);
}
function memberType(flag) {
  switch (flag) {
    case "1":
      return "hardlink";
    case "2":
      return "symlink";
    case "5":
      return "directory";
    case "3":
    case "4":
    case "6":
      return "special";
    default:
      return "file";
  }
}
function checksumMatches(block) {
  let sum2 = 0;
  for (let index = 0; index < BLOCK; index++) sum2 += index >= 148 && index < 156 ? 32 : block[index];
  const recorded = readOctal(block, 148, 8);
  return recorded === sum2;
}
function readNumber(block, offset, length) {
  if (block[offset] & 128) {
    let value = block[offset] & 127;
    for (let index = offset + 1; index < offset + length; index++) value = value * 256 + block[index];
    return value;
  }
  return readOctal(block, offset, length);
}
function readOctal(block, offset, length) {
  const digits = text(block, offset, length).trim();
  if (digits !== "" && !/^[0-7]+$/.test(digits)) throw new TarFormatError(`a header field holds '${digits}' where an octal number belongs: not a tar archive`);
  return digits === "" ? 0 : parseInt(digits, 8);
}
function text(block, offset, length) {
  return cString(block.subarray(offset, offset + length));
}
function cString(bytes) {
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString("utf8");
}
function parsePaxRecords(data) {
  const records = {};
  const buffer = Buffer.from(data);
  let offset = 0;
  while (offset < buffer.length) {
    const space = buffer.indexOf(32, offset);
    if (space === -1) break;
    const length = Number(buffer.subarray(offset, space).toString("ascii"));
    if (!Number.isInteger(length) || length <= space - offset) throw new TarFormatError("a pax header record is malformed");
    const record = buffer.subarray(space + 1, offset + length - 1).toString("utf8");
    const equals = record.indexOf("=");
    if (equals !== -1) records[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return records;
}
function concat(parts, length) {
  if (parts.length === 1) return parts[0];
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

// src/adapters/tar-listing.ts
var COMPRESSIONS = [
  { name: "gzip", magic: [31, 139] },
  { name: "xz", magic: [253, 55, 122, 88, 90, 0], program: "xz" },
  { name: "bzip2", magic: [66, 90, 104], program: "bzip2" },
  { name: "zstd", magic: [40, 181, 47, 253], program: "zstd" }
];
var TarListingError = class extends Error {
};
async function listTarMembers(tarball) {
  const head = Buffer.alloc(512);
  const handle = await open3(tarball, "r");
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  const compression = COMPRESSIONS.find(({ magic }) => magic.every((byte, index) => head[index] === byte));
  if (!compression && !(bytesRead >= 262 && head.subarray(257, 262).toString("latin1") === "ustar")) {
    throw new TarListingError("not a tar archive pydebug can read: neither plain tar nor compressed with gzip, xz, bzip2 or zstd");
  }
  const reader = new TarHeaderReader();
  const members = [];
  const read = async (stream) => {
    for await (const chunk of stream) members.push(...reader.push(chunk));
    reader.end();
  };
  if (!compression?.program) {
    await read(compression ? createReadStream2(tarball).pipe(createGunzip()) : createReadStream2(tarball));
    return members;
  }
  const child = spawn2(compression.program, ["-dc", tarball], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (text3) => stderr += text3);
  const exited = new Promise((resolve, reject) => {
    child.on("error", (error) => reject(new TarListingError(`could not run ${compression.program} to read the ${compression.name} archive: ${error.message}`)));
    child.on("close", (code4) => resolve(code4));
  });
  exited.catch(() => void 0);
  try {
    await read(child.stdout);
  } catch (error) {
    child.kill("SIGKILL");
    await exited.catch(() => void 0);
    throw error;
  }
  const code3 = await exited;
  if (code3 !== 0) throw new TarListingError(`${compression.program} -dc failed (exit ${code3}): ${stderr.trim().split("\n").pop() ?? ""}`);
  return members;
}

// src/plan/build-phases.ts
var BUILD_PHASES = ["configure", "make", "install"];
function timeoutInputOf(phase) {
  return `${phase}-timeout`;
}
function phaseCommandName(phase) {
  return phase === "install" ? "make install" : phase;
}
function formatDuration(seconds) {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
}
function stalledPhaseMessage(phase, limitSeconds, logPath2, tail) {
  const input = timeoutInputOf(phase);
  return [
    `${phaseCommandName(phase)} stalled: it was still running after ${formatDuration(limitSeconds)}, the ${input} limit, and its processes were ended. Raise ${input} (--${input}, in minutes) if this machine is just slow; full log: ${logPath2}`,
    ...tail.map((line) => `  | ${line}`)
  ].join("\n");
}

// src/catalog/abi-macros.ts
var ABI_MACROS = [
  {
    macro: "Py_DEBUG",
    reason: "Py_DEBUG changes object and interpreter structures; the SOABI says it (flag d)",
    source: "configure.ac --with-pydebug; bpo-36722 (3.8: one ABI for debug and release on Unix, flag d kept)"
  },
  {
    macro: "Py_REF_DEBUG",
    tag: "refdebug",
    sysAttribute: "gettotalrefcount",
    impliedBy: { macro: "Py_DEBUG" },
    reason: "Py_INCREF/Py_DECREF update the interpreter-wide reference total (implied by Py_DEBUG; alone, no ABI flag says it)",
    source: "Misc/SpecialBuilds.txt (Py_REF_DEBUG); Include/object.h; Include/pyport.h (Py_DEBUG implies Py_REF_DEBUG)"
  },
  {
    macro: "Py_TRACE_REFS",
    until: "3.13",
    tag: "tracerefs",
    sysAttribute: "getobjects",
    impliedBy: { macro: "Py_DEBUG", until: "3.8" },
    reason: "Py_TRACE_REFS adds _ob_next/_ob_prev to PyObject_HEAD and renames PyModule_Create2, without an ABI flag (SOABI keeps the d of pydebug)",
    source: "bpo-36465, PR #12615 (whatsnew/3.8); Include/modsupport.h up to 3.12 (PyModule_Create2TraceRefs); gh-108634 (3.13: a hash table, no ABI change)"
  },
  {
    macro: "Py_GIL_DISABLED",
    from: "3.13",
    reason: "the free-threaded object header; the SOABI says it (flag t)",
    source: "PEP 703; gh-108223, PR #109922 (ABI flag t)"
  },
  {
    macro: "COUNT_ALLOCS",
    until: "3.9",
    tag: "countallocs",
    sysAttribute: "getcounts",
    reason: "COUNT_ALLOCS adds tp_allocs/tp_frees/tp_maxalloc/tp_prev/tp_next to PyTypeObject without an ABI flag",
    source: "Include/cpython/object.h v3.8.7; removed in 3.9 (bpo-39489)"
  }
];
var ABI_SYMBOLS = [
  {
    // Include/modsupport.h, 3.8-3.12: "#ifdef Py_TRACE_REFS ... #define PyModule_Create2 PyModule_Create2TraceRefs", so a
    // module compiled without Py_TRACE_REFS links against a name a trace-refs interpreter does not export.
    symbols: ["PyModule_Create2", "PyModule_FromDefAndSpec2"],
    macro: "Py_TRACE_REFS",
    moduleHas: false,
    source: "Include/modsupport.h v3.11.2 (PyModule_Create2TraceRefs)"
  },
  {
    symbols: ["PyModule_Create2TraceRefs", "PyModule_FromDefAndSpec2TraceRefs", "_Py_ForgetReference", "_Py_PrintReferences", "_Py_PrintReferenceAddresses"],
    macro: "Py_TRACE_REFS",
    moduleHas: true,
    source: "Include/modsupport.h, Include/object.h v3.11.2"
  },
  {
    symbols: ["_Py_RefTotal", "_Py_NegativeRefcount", "_Py_IncRefTotal_DO_NOT_USE_THIS", "_Py_DecRefTotal_DO_NOT_USE_THIS"],
    macro: "Py_REF_DEBUG",
    moduleHas: true,
    source: "Include/object.h (Py_REF_DEBUG), 3.8-3.12"
  },
  { symbols: ["_Py_inc_count", "_Py_dec_count"], macro: "COUNT_ALLOCS", moduleHas: true, source: "Include/cpython/object.h v3.8.7 (COUNT_ALLOCS)" }
];

// src/catalog/build-rules.ts
function macroAbi(macro) {
  const rule = ABI_MACROS.find((candidate) => candidate.macro === macro);
  if (rule?.tag === void 0) throw new Error(`catalog/abi-macros.ts has no tagged ABI rule for ${macro}`);
  return { tag: rule.tag, reason: rule.reason, from: rule.from, until: rule.until };
}
function instrumentation(tag, sanitizer, misses) {
  return { tag, kind: "instrumentation", reason: `extensions must be instrumented too, or ${sanitizer} misses ${misses}` };
}
var CONFIGURE_OPTIONS = [
  { spellings: ["--with-pydebug"], summary: "Py_DEBUG: assertions, Py_REF_DEBUG, debug allocator hooks; ABI flag d", source: "configure.ac (all versions)" },
  {
    spellings: ["--with-trace-refs"],
    from: "3.8",
    summary: "Py_TRACE_REFS: a list (3.13+: a hash table) of every live object; sys.getobjects(), PYTHONDUMPREFS",
    source: 'bpo-36465, PR #12615 (whatsnew/3.8); Doc/using/configure.rst "versionadded 3.8"',
    abi: [macroAbi("Py_TRACE_REFS")],
    sharesConfigureResults: true
  },
  { spellings: ["--with-assertions"], from: "3.6", summary: "keep assert() without Py_DEBUG", source: "configure.ac v3.8.7; Doc/using/configure.rst" },
  {
    spellings: ["--with-pymalloc", "--without-pymalloc"],
    summary: "WITH_PYMALLOC; without it every block goes to malloc()",
    source: "configure.ac (all versions)",
    sharesConfigureResults: true
  },
  {
    spellings: ["--with-valgrind", "--without-valgrind"],
    summary: "WITH_VALGRIND: pymalloc steps aside under Valgrind (needs valgrind/valgrind.h)",
    source: "configure.ac (all versions); Misc/README.valgrind",
    sharesConfigureResults: true
  },
  {
    spellings: ["--with-address-sanitizer"],
    from: "3.6",
    summary: "-fsanitize=address; forces pymalloc off",
    source: 'configure.ac v3.8.7 to 3.14 (with_pymalloc="no"); Doc/using/configure.rst "versionadded 3.6"',
    abi: [instrumentation("asan", "ASan", "their bugs")]
  },
  {
    spellings: ["--with-memory-sanitizer"],
    from: "3.6",
    summary: "-fsanitize=memory (clang only); forces pymalloc off",
    source: "configure.ac v3.8.7; 3.11 checks that the compiler supports it",
    abi: [{ tag: "msan", kind: "instrumentation", reason: "MemorySanitizer reports false positives unless every linked object is instrumented" }]
  },
  {
    spellings: ["--with-undefined-behavior-sanitizer"],
    from: "3.6",
    summary: "-fsanitize=undefined",
    source: 'configure.ac v3.8.7, 3.11 (with_ubsan); Doc/using/configure.rst "versionadded 3.6"',
    abi: [instrumentation("ubsan", "UBSan", "their bugs")]
  },
  {
    spellings: ["--with-thread-sanitizer"],
    from: "3.13",
    summary: "-fsanitize=thread",
    source: 'configure.ac 3.13; Doc/using/configure.rst "versionadded 3.13"',
    abi: [instrumentation("tsan", "TSan", "their races")]
  },
  {
    spellings: ["--disable-gil", "--enable-gil"],
    from: "3.13",
    summary: "Py_GIL_DISABLED (PEP 703); ABI flag t",
    source: "gh-108223, PR #108227 and PR #109922 (whatsnew/3.13)",
    sharesConfigureResults: true
  },
  {
    spellings: ["--with-mimalloc", "--without-mimalloc"],
    from: "3.13",
    summary: "WITH_MIMALLOC, the bundled mimalloc",
    source: "configure.ac 3.13 (gh-90815)",
    sharesConfigureResults: true
  },
  {
    spellings: ["--enable-experimental-jit", "--disable-experimental-jit"],
    from: "3.13",
    summary: "the copy-and-patch JIT (needs LLVM at build time)",
    source: 'PEP 744; Doc/using/configure.rst "versionadded 3.13"'
  },
  { spellings: ["--enable-pystats", "--disable-pystats"], from: "3.11", summary: "Py_STATS: interpreter statistics", source: "configure.ac 3.11" },
  {
    spellings: ["--with-strict-overflow", "--without-strict-overflow"],
    from: "3.12",
    summary: "-fstrict-overflow (CPython CI pairs it with UBSan)",
    source: "gh-96821, PR #96823 (2023); configure.ac v3.12.0"
  },
  {
    spellings: ["--enable-safety", "--enable-slower-safety", "--disable-safety"],
    from: "3.14",
    summary: "OpenSSF compiler hardening flags",
    source: "Doc/using/configure.rst 3.14"
  },
  {
    spellings: ["--with-tail-call-interp", "--without-tail-call-interp"],
    from: "3.14",
    summary: "tail-calling interpreter (Clang 19+)",
    source: "Doc/using/configure.rst 3.14"
  },
  {
    spellings: ["--without-remote-debug", "--with-remote-debug"],
    from: "3.14",
    summary: "PEP 768 remote debugging support",
    source: "Doc/using/configure.rst 3.14"
  },
  {
    spellings: ["--with-pymalloc-hugepages"],
    from: "3.15",
    summary: "2 MiB pymalloc arenas (used when PYTHON_PYMALLOC_HUGEPAGES=1)",
    source: "Doc/using/configure.rst 3.15"
  },
  { spellings: ["--with-dtrace", "--without-dtrace"], from: "3.6", summary: "DTrace/SystemTap probes", source: 'Doc/using/configure.rst "versionadded 3.6"' }
];
var MACROS = [
  {
    macro: "Py_REF_DEBUG",
    summary: "total reference count, sys.gettotalrefcount(), negative refcount checks (implied by Py_DEBUG)",
    source: "Misc/SpecialBuilds.txt; Include/object.h",
    outsideRange: "",
    abi: [macroAbi("Py_REF_DEBUG")]
  },
  {
    macro: "Py_TRACE_REFS",
    summary: "every live object tracked (implied by Py_DEBUG before 3.8; --with-trace-refs from 3.8)",
    source: "Misc/SpecialBuilds.txt; bpo-36465",
    outsideRange: "",
    abi: [macroAbi("Py_TRACE_REFS")]
  },
  {
    macro: "COUNT_ALLOCS",
    until: "3.9",
    summary: "per-type allocation counts: sys.getcounts(), -X showalloccount",
    source: 'bpo-39489, commit c6e5c112 (whatsnew/3.9: "The COUNT_ALLOCS special build macro has been removed")',
    outsideRange: "CPython 3.9 removed COUNT_ALLOCS: defining it builds an ordinary interpreter without the counts",
    alternative: "trace-refs (sys.getobjects) or tracemalloc for per-type accounting",
    abi: [macroAbi("COUNT_ALLOCS")]
  },
  {
    macro: "PYMALLOC_DEBUG",
    until: "3.10",
    summary: "pymalloc debug hooks compiled in (implied by Py_DEBUG with pymalloc up to 3.9)",
    source: 'bpo-43774, PR #25711 "Remove unused PYMALLOC_DEBUG macro" (3.10); Include/Python.h v3.9.1',
    outsideRange: "CPython 3.10 removed the unused PYMALLOC_DEBUG macro: defining it changes nothing",
    alternative: "PYTHONMALLOC=pymalloc_debug (or debug) at run time, available since 3.6 (bpo-26516)"
  }
];
var COMBINATIONS = [
  {
    all: ["--disable-gil", "--with-trace-refs"],
    from: "3.13",
    reason: 'configure refuses the pair from 3.14 ("--disable-gil cannot be used with --with-trace-refs"); 3.13 configure may still accept it, but trace-refs was never supported in the free-threaded build',
    source: "gh-124043, PR #124078 (Sept 2024); colesbury/nogil#3",
    alternative: "trace-refs and free-threading as separate cells"
  },
  {
    all: ["--disable-gil", "Py_TRACE_REFS"],
    from: "3.13",
    reason: "Py_TRACE_REFS is not supported in the free-threaded build",
    source: "gh-124043, PR #124078",
    alternative: "trace-refs and free-threading as separate cells"
  },
  {
    all: ["--disable-gil", "--without-mimalloc"],
    from: "3.13",
    reason: 'configure fails: "--disable-gil requires mimalloc memory allocator (--with-mimalloc)"',
    source: "gh-112532, PR #112883"
  },
  {
    all: ["--with-address-sanitizer", "--with-thread-sanitizer"],
    reason: "the compiler refuses -fsanitize=address together with -fsanitize=thread",
    source: "Clang ThreadSanitizer docs; GCC -fsanitize=thread docs",
    alternative: "asan and tsan as separate cells"
  },
  {
    all: ["--with-address-sanitizer", "--with-memory-sanitizer"],
    reason: "the compiler refuses -fsanitize=address together with -fsanitize=memory",
    source: "Clang MemorySanitizer docs"
  },
  {
    all: ["--with-memory-sanitizer", "--with-thread-sanitizer"],
    reason: "the compiler refuses -fsanitize=memory together with -fsanitize=thread",
    source: "Clang ThreadSanitizer docs"
  }
];
var PYMALLOC_OFF = ["--without-pymalloc", "--with-address-sanitizer", "--with-memory-sanitizer"];
var RUNTIME_ENV_RULES = [
  {
    variable: "PYTHONMALLOC",
    values: ["default", "debug", "malloc", "malloc_debug", "pymalloc", "pymalloc_debug"],
    until: "3.6",
    reason: "PYTHONMALLOC was added in 3.6",
    source: "bpo-26516 (whatsnew/3.6)"
  },
  {
    variable: "PYTHONMALLOC",
    values: ["malloc", "malloc_debug", "pymalloc", "pymalloc_debug"],
    whenAny: ["--disable-gil"],
    from: "3.13",
    reason: 'the free-threaded build compiles out the malloc and pymalloc allocators ("PYTHONMALLOC: unknown allocator"); only default, debug, mimalloc and mimalloc_debug exist',
    source: "gh-112532, PR #112883; Objects/obmalloc.c _PyMem_GetAllocatorName (#ifndef Py_GIL_DISABLED), 3.13"
  },
  {
    variable: "PYTHONMALLOC",
    values: ["pymalloc", "pymalloc_debug"],
    whenAny: PYMALLOC_OFF,
    reason: "this build has no pymalloc (--without-pymalloc, or a sanitizer that forces it off), so PYTHONMALLOC=pymalloc* is an unknown allocator",
    source: 'Objects/obmalloc.c _PyMem_GetAllocatorName (#ifdef WITH_PYMALLOC); configure.ac (with_pymalloc="no" under ASan/MSan)'
  },
  {
    variable: "PYTHONMALLOC",
    values: ["mimalloc", "mimalloc_debug"],
    until: "3.13",
    reason: "mimalloc was bundled in 3.13",
    source: "gh-90815 (whatsnew/3.13)"
  },
  {
    variable: "PYTHONMALLOC",
    values: ["mimalloc", "mimalloc_debug"],
    whenAny: ["--without-mimalloc"],
    reason: "this build has no mimalloc (--without-mimalloc), so PYTHONMALLOC=mimalloc* is an unknown allocator",
    source: "Objects/obmalloc.c _PyMem_GetAllocatorName (#ifdef WITH_MIMALLOC), 3.13"
  }
];
function optionName(arg) {
  const equals = arg.indexOf("=");
  return equals === -1 ? arg : arg.slice(0, equals);
}
var OPTIONS_BY_SPELLING = new Map(CONFIGURE_OPTIONS.flatMap((rule) => rule.spellings.map((spelling) => [spelling, rule])));
var MACROS_BY_NAME = new Map(MACROS.map((rule) => [rule.macro, rule]));
function findConfigureOption(arg) {
  return OPTIONS_BY_SPELLING.get(optionName(arg));
}
function findMacro(macro) {
  return MACROS_BY_NAME.get(optionName(macro));
}

// src/plan/cache-key.ts
import { createHash as createHash3 } from "node:crypto";
var BUILD_CACHE_SALT = "1";
function planBuildCacheKey(inputs) {
  const { cell, platform } = inputs;
  const digest = sha256Hex(JSON.stringify(buildKeyMaterial(inputs))).slice(0, 16);
  return `pydebug-${BUILD_CACHE_SALT}-${platform.os}-${platform.arch}-${cell.buildId}-${cell.python.text}-${digest}`;
}
function buildKeyMaterial({ cell, source, platform }) {
  return {
    salt: BUILD_CACHE_SALT,
    python: cell.python.text,
    configureArgs: cell.configureArgs,
    buildEnv: Object.entries(cell.buildEnv).sort(),
    source,
    platform
  };
}
function sha256Hex(text3) {
  return createHash3("sha256").update(text3).digest("hex");
}

// src/plan/configure-cache.ts
var CONFIGURE_CACHE_SALT = "1";
var PRECIOUS_VARIABLE = /^(?:CC|CPP|CFLAGS|CPPFLAGS|LDFLAGS|LIBS|MACHDEP|HOSTRUNNER|PROFILE_TASK|PKG_CONFIG(?:_PATH|_LIBDIR)?|[A-Z0-9]+(?:_[A-Z0-9]+)*_(?:CFLAGS|LIBS))$/;
function sharesConfigureResults(arg) {
  return findConfigureOption(arg)?.sharesConfigureResults === true && !arg.includes("=");
}
function configureCacheName(inputs) {
  const material = {
    salt: CONFIGURE_CACHE_SALT,
    python: inputs.python,
    source: inputs.source,
    platform: inputs.platform,
    configureArgs: inputs.configureArgs.filter((arg) => !sharesConfigureResults(arg)).sort(),
    env: Object.entries(inputs.env).filter((entry) => entry[1] !== void 0 && PRECIOUS_VARIABLE.test(entry[0])).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
  };
  return `configure-${inputs.python}-${sha256Hex(JSON.stringify(material)).slice(0, 16)}.cache`;
}

// src/plan/install-layout.ts
function withLevelZeroBytecodeOnly(makefile) {
  const lines = makefile.split("\n");
  const kept = [];
  let changed = 0;
  for (let start = 0; start < lines.length; ) {
    let end = start;
    while (end < lines.length - 1 && lines[end].endsWith("\\")) end++;
    const command = lines.slice(start, end + 1);
    const joined = command.join(" ");
    if (joined.includes("compileall.py")) {
      if (/\s-OO?\s/.test(joined)) {
        changed++;
        start = end + 1;
        continue;
      }
      if (joined.includes("-o 0 -o 1 -o 2")) {
        changed++;
        kept.push(...command.map((line) => line.replace("-o 0 -o 1 -o 2", "-o 0")));
        start = end + 1;
        continue;
      }
    }
    kept.push(...command);
    start = end + 1;
  }
  return { text: kept.join("\n"), changed };
}
function duplicateStaticLibraries(paths) {
  const inLibDir = new Set(paths.filter((file) => /^lib\/libpython[^/]*\.a$/.test(file)));
  return paths.map((file) => /^lib\/python[^/]+\/config-[^/]+\/(libpython[^/]*\.a)$/.exec(file)).filter((match) => match !== null && inLibDir.has(`lib/${match[1]}`)).map((match) => ({ original: `lib/${match[1]}`, duplicate: match[0] }));
}

// src/plan/platforms.ts
var PLATFORMS_DOC = "docs/platforms.md";
var WINDOWS_REASON = `Windows builds CPython with PCbuild (PCbuild\\build.bat -d for a debug build), not configure and make, and a debug python_d.exe loads only extensions built as _d.pyd; pydebug supports Linux and macOS runners (the plan for Windows: ${PLATFORMS_DOC})`;
function unsupportedRunnerReason(label) {
  return /^windows/i.test(label.trim()) ? WINDOWS_REASON : void 0;
}
function unsupportedHostReason(platform) {
  return platform === "win32" ? WINDOWS_REASON : void 0;
}
var MACOS_NOTICE = `pydebug builds on macOS with the same configure and make recipe as on Linux, but it is built and tested on Linux only, so macOS is untested here (what differs, such as OpenSSL from Homebrew and no valgrind: ${PLATFORMS_DOC}).`;
function untestedHostNotice(platform) {
  return platform === "darwin" ? MACOS_NOTICE : void 0;
}
function untestedRunnerNotice(label) {
  return /^macos/i.test(label.trim()) ? untestedHostNotice("darwin") : void 0;
}

// src/plan/abi-fingerprint.ts
var ABI_PROBE_PYTHON = `"abi": {"configVars": {name: sysconfig.get_config_var(name) for name in ${JSON.stringify(ABI_MACROS.map((rule) => rule.macro))}},
  "cflags": sysconfig.get_config_var("CFLAGS") or "",
  "sysAttributes": [name for name in ${JSON.stringify(ABI_MACROS.flatMap((rule) => rule.sysAttribute ? [rule.sysAttribute] : []))} if hasattr(sys, name)]}`;
var SOABI = /^cpython-(\d)(\d+)([a-z]*)(?:-|$)/;
function abiFingerprintOf(probe) {
  const match = probe.soabi ? SOABI.exec(probe.soabi) : null;
  if (!probe.soabi || !match) return void 0;
  const version = { major: Number(match[1]), minor: Number(match[2]) };
  const defines = new Set([...probe.abi.cflags.matchAll(/(?:^|\s)-D(\w+)(?:=(\S*))?/g)].filter((define) => define[2] !== "0").map((define) => define[1]));
  const applying = ABI_MACROS.filter((rule) => inMinorRange(version, rule));
  const inSysconfig = (macro) => {
    const rule = ABI_MACROS.find((candidate) => candidate.macro === macro);
    const implied = rule?.impliedBy && inMinorRange(version, { until: rule.impliedBy.until }) && inSysconfig(rule.impliedBy.macro);
    return truthy(probe.abi.configVars[macro]) || defines.has(macro) || Boolean(implied);
  };
  const has = applying.filter((rule) => inSysconfig(rule.macro) || rule.sysAttribute !== void 0 && probe.abi.sysAttributes.includes(rule.sysAttribute));
  const sanitizers = [...new Set([...probe.abi.cflags.matchAll(/(?:^|\s)-fsanitize=(\S+)/g)].flatMap((flag) => flag[1].split(",")))].sort();
  const tags = has.filter((rule) => rule.tag && !(rule.macro === "Py_REF_DEBUG" && has.some((other) => other.macro === "Py_DEBUG"))).map((rule) => rule.tag);
  return {
    label: [`cp${match[1]}${match[2]}${match[3]}`, ...tags, ...sanitizers.map(sanitizerTag)].join("-"),
    soabi: probe.soabi,
    abiflags: probe.abiflags,
    macros: has.map((rule) => rule.macro),
    sanitizers,
    missingFromSysconfig: has.filter((rule) => !inSysconfig(rule.macro)).map((rule) => rule.macro)
  };
}
function describeAbiFingerprint(fingerprint) {
  return [fingerprint.soabi, ...fingerprint.macros, ...fingerprint.sanitizers.length ? [`-fsanitize=${fingerprint.sanitizers.join(",")}`] : []].join(" ");
}
function abiDifferences(builtFor, interpreter) {
  const found = [];
  if (builtFor.soabi !== interpreter.soabi) found.push(`SOABI ${builtFor.soabi} instead of ${interpreter.soabi}`);
  const without = interpreter.macros.filter((macro) => !builtFor.macros.includes(macro));
  const extra = builtFor.macros.filter((macro) => !interpreter.macros.includes(macro));
  if (without.length) found.push(`built without ${without.join(", ")}`);
  if (extra.length) found.push(`built with ${extra.join(", ")}, which the interpreter does not have`);
  if (builtFor.sanitizers.join(",") !== interpreter.sanitizers.join(",")) {
    found.push(`sanitizers ${builtFor.sanitizers.join(",") || "none"} instead of ${interpreter.sanitizers.join(",") || "none"}`);
  }
  return found;
}
function extensionAbiCflags(variantBuildEnv, fingerprint) {
  const flags = (variantBuildEnv.EXTRA_CFLAGS ?? "").split(/\s+/).filter((flag) => flag);
  for (const macro of fingerprint?.missingFromSysconfig ?? []) {
    if (!flags.some((flag) => flag === `-D${macro}` || flag.startsWith(`-D${macro}=`))) flags.push(`-D${macro}`);
  }
  return flags;
}
function truthy(value) {
  return value !== null && value !== void 0 && value !== 0 && value !== "0" && value !== "";
}
function sanitizerTag(sanitizer) {
  return { address: "asan", undefined: "ubsan", thread: "tsan", memory: "msan" }[sanitizer] ?? sanitizer.replace(/[^a-z0-9]/gi, "");
}
function inMinorRange(version, range) {
  return (range.from === void 0 || compareMinor(version, range.from) >= 0) && (range.until === void 0 || compareMinor(version, range.until) < 0);
}

// src/plan/cache-miss.ts
function explainCacheMiss(wanted, cached) {
  return explainClosest(
    cached,
    "cached build",
    (candidate) => candidate.material && interpreterDifferences(wanted, { ...candidate, material: candidate.material })
  );
}
function explainExtensionRebuild(wanted, earlier) {
  return explainClosest(earlier, "earlier build", (candidate) => candidate && extensionDifferences(wanted, candidate));
}
function compilerFromSysVersion(sysVersion) {
  return sysVersion ? /\[([^\]]+)\]\s*$/.exec(sysVersion)?.[1].trim() || void 0 : void 0;
}
function explainClosest(candidates, noun, differences) {
  if (candidates.length === 0) return void 0;
  const known = candidates.map(differences).filter((found) => found !== void 0 && found.length > 0);
  if (known.length === 0) {
    return candidates.length === 1 ? `the ${noun} predates recorded keys, so what differs is unknown` : `the ${candidates.length} ${noun}s predate recorded keys, so what differs is unknown`;
  }
  const closest = known.reduce((best, found) => found.length < best.length ? found : best);
  return `${known.length > 1 ? `the closest of ${known.length} ${noun}s differs: ` : ""}${closest.join("; ")}`;
}
function interpreterDifferences(wanted, cached) {
  const now = wanted.material;
  const before = cached.material;
  const found = [];
  if (now.salt !== before.salt) found.push(`pydebug's cache layout changed (salt ${now.salt} instead of ${before.salt})`);
  if (now.python !== before.python) found.push(`the CPython version differs: ${now.python} instead of ${before.python}`);
  if (!sameJson(now.source, before.source))
    found.push(`the source differs: ${describeSourceIdentity(now.source)} instead of ${describeSourceIdentity(before.source)}`);
  if (!sameJson(now.configureArgs, before.configureArgs)) {
    found.push(`configure arguments differ: ${now.configureArgs.join(" ") || "(none)"} instead of ${before.configureArgs.join(" ") || "(none)"}`);
  }
  const envChanges = describeEnvChanges(Object.fromEntries(now.buildEnv), Object.fromEntries(before.buildEnv));
  if (envChanges) found.push(`the variant's build environment differs: ${envChanges}`);
  const platformChanges = ["os", "arch", "image"].filter((fact) => now.platform[fact] !== before.platform[fact]).map((fact) => `${fact} ${now.platform[fact] ?? "unknown"} instead of ${before.platform[fact] ?? "unknown"}`);
  if (platformChanges.length) found.push(`the platform differs: ${platformChanges.join(", ")}`);
  if (now.platform.compiler !== before.platform.compiler) {
    found.push(
      `the compiler differs: ${describeCompiler(wanted)} instead of ${describeCompiler(cached)}; CPython's build takes CC from the environment too, not only the extension's`
    );
  }
  return found;
}
function extensionDifferences(wanted, earlier) {
  const found = [];
  if (wanted.sourceDigest !== earlier.sourceDigest) found.push("the sources changed");
  const withVersion = (inputs) => (name, value) => {
    const version = inputs.compilerVersions[name];
    return `${name}=${value}${version && version !== value ? ` (${version})` : ""}`;
  };
  const envChanges = describeEnvChanges(wanted.compilerEnv, earlier.compilerEnv, withVersion(wanted), withVersion(earlier));
  if (envChanges) found.push(`compiler variables differ: ${envChanges}`);
  for (const name of Object.keys(wanted.compilerVersions).sort()) {
    const [now, before] = [wanted.compilerVersions[name], earlier.compilerVersions[name]];
    if (wanted.compilerEnv[name] === earlier.compilerEnv[name] && now !== before) {
      found.push(`the compiler behind ${name}=${wanted.compilerEnv[name]} differs: ${now} instead of ${before ?? "an unknown version"}`);
    }
  }
  if (wanted.abiFingerprint !== void 0 && earlier.abiFingerprint !== void 0) {
    if (wanted.abiFingerprint !== earlier.abiFingerprint)
      found.push(`the interpreter's ABI differs: ${wanted.abiFingerprint} instead of ${earlier.abiFingerprint}`);
    if (wanted.interpreterCompiler !== earlier.interpreterCompiler) {
      found.push(
        `the interpreter was built with another compiler (setuptools' default when CC is unset): ${wanted.interpreterCompiler ?? "unknown"} instead of ${earlier.interpreterCompiler ?? "unknown"}`
      );
    }
  } else if (earlier.abiFingerprint === void 0 && wanted.abiFingerprint !== void 0) {
    found.push(`the earlier build was keyed by its interpreter (${earlier.interpreterKey ?? "unknown"}), before builds were keyed by ABI fingerprint`);
  } else if (wanted.interpreterKey !== earlier.interpreterKey)
    found.push(`the interpreter differs: ${wanted.interpreterKey ?? "unknown"} instead of ${earlier.interpreterKey ?? "unknown"}`);
  const buildEnvChanges = describeEnvChanges(wanted.buildEnv ?? {}, earlier.buildEnv ?? {});
  if (buildEnvChanges) found.push(`build-env differs: ${buildEnvChanges}`);
  if (wanted.buildCommand !== earlier.buildCommand)
    found.push(`the build command differs: ${wanted.buildCommand ?? "the default build"} instead of ${earlier.buildCommand ?? "the default build"}`);
  return found;
}
function describeCompiler({ material, compilerCommand, builtWith }) {
  const version = material?.platform.compiler;
  if (!version) return `the default compiler${builtWith ? ` (${builtWith})` : ""} with CC unset`;
  if (!compilerCommand) return `${version} (from CC)`;
  return compilerCommand === version ? `CC=${compilerCommand}` : `CC=${compilerCommand} (${version})`;
}
function describeSourceIdentity(source) {
  if ("url" in source) return source.url;
  return "tree" in source ? `a source folder whose files digest to ${source.tree.slice(0, 12)}\u2026` : `a tarball with sha256 ${source.sha256.slice(0, 12)}\u2026`;
}
function describeEnvChanges(now, before, describeNow = (name, value) => `${name}=${value}`, describeBefore = describeNow) {
  const names = [.../* @__PURE__ */ new Set([...Object.keys(now), ...Object.keys(before)])].sort();
  return names.filter((name) => now[name] !== before[name]).map(
    (name) => `${Object.hasOwn(now, name) ? describeNow(name, now[name]) : `${name} unset`} instead of ${Object.hasOwn(before, name) ? describeBefore(name, before[name]) : `${name} unset`}`
  ).join(", ");
}
function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// src/steps/context.ts
import path11 from "node:path";

// src/adapters/remote-cache.ts
var NO_REMOTE_CACHE = {
  name: "none",
  restore: async () => false,
  restoreNearest: async () => void 0,
  save: async () => {
  }
};

// src/steps/context.ts
function logPath(context, ...parts) {
  return path11.join(context.outDir, "logs", ...parts);
}
function reportPath(context, absolutePath) {
  return path11.relative(context.outDir, absolutePath).split(path11.sep).join("/");
}
function withCommandEnv(context, env) {
  const { runner } = context;
  return { ...context, runner: { run: (spec) => runner.run({ ...spec, env: { ...env, ...spec.env } }) } };
}
async function createStepContext(config, {
  env,
  workspace,
  log,
  remoteCache = NO_REMOTE_CACHE,
  cancel
}) {
  const runner = createProcessRunner(env, { ...cancel ? { cancel } : {}, ...config.logLimitBytes ? { logLimitBytes: config.logLimitBytes } : {} });
  return {
    runner,
    env,
    log,
    remoteCache,
    platform: await detectPlatform(runner, env),
    cacheDir: config.cacheDir,
    outDir: path11.resolve(config.outDir),
    workspace,
    ...cancel ? { cancel } : {}
  };
}

// src/steps/build-python.ts
var BUILD_RECORD_FILE = "pydebug-build.json";
var VALGRIND_SUPPRESSIONS_FILE = path12.join("share", "pydebug", "valgrind-python.supp");
var PROBE_CODE = `import json, sys, sysconfig
print(json.dumps({"version": sys.version, "abiflags": sys.abiflags, "soabi": sysconfig.get_config_var("SOABI"),
  "extSuffix": sysconfig.get_config_var("EXT_SUFFIX"), "pyDebug": hasattr(sys, "gettotalrefcount"),
  "traceRefs": hasattr(sys, "getobjects"),
  ${ABI_PROBE_PYTHON}}))`;
async function ensureInterpreter(context, cell, source, options) {
  const hostProblem = unsupportedHostReason(context.platform.os);
  if (hostProblem) throw new ConfigError(`${hostProblem}.`);
  const hostNotice = untestedHostNotice(context.platform.os);
  if (hostNotice) context.log.warning(hostNotice);
  const started = Date.now();
  const sourceIdentity = sourceIdentityOf(
    source,
    source.kind === "file" ? await sha256File(source.path) : source.kind === "tree" ? await sourceTreeDigest(source.path, cell) : void 0
  );
  if ("sha256" in sourceIdentity && options.sourceSha256 !== void 0 && sourceIdentity.sha256 !== options.sourceSha256) {
    throw new SourceError(
      digestMismatchMessage(
        `CPython ${cell.python.text} source`,
        describeSource(source),
        { sha256: options.sourceSha256, from: GIVEN_DIGEST_FROM },
        sourceIdentity.sha256
      )
    );
  }
  const keyInputs = { cell, source: sourceIdentity, platform: context.platform };
  const cacheKey = planBuildCacheKey(keyInputs);
  const wanted = { material: buildKeyMaterial(keyInputs), compilerCommand: compilerChosenForCPython(context.env) };
  const prefix = path12.join(context.cacheDir, "cpython", cacheKey);
  const finish = (cacheHit, record, rebuildReason) => ({
    prefix,
    pythonPath: path12.join(prefix, "bin", "python3"),
    cacheKey,
    cacheHit,
    seconds: (Date.now() - started) / 1e3,
    record,
    ...rebuildReason ? { rebuildReason } : {},
    ...record.abiFingerprint ? { abiFingerprint: record.abiFingerprint } : {}
  });
  const what = `CPython ${cell.python.text} (${cell.variant})`;
  const damaged = [];
  const discard = async (where, problem) => {
    context.log.warning(`the ${where} entry ${cacheKey} is damaged and was discarded: ${problem}`);
    damaged.push(`the ${where} entry under this key was damaged (${problem})`);
    await removeTree(prefix);
  };
  const restoreLocal = async () => {
    const local = await readBuildRecord(prefix, cacheKey);
    if (local) {
      const trusted = await trustCachedEntry(context, prefix, local, cell.buildEnv);
      if (trusted.ok) {
        context.log.info(`${what} restored from the local cache: ${prefix}`);
        return finish("local", trusted.record);
      }
      await discard("local cache", trusted.problem);
    } else if (await pathExists(prefix)) {
      await discard("local cache", `it holds no complete build (no readable ${BUILD_RECORD_FILE} for this key)`);
    }
    return void 0;
  };
  await ensureDir(path12.dirname(prefix));
  return withBuildLock(`${prefix}.lock`, what, context.log, async () => await restoreLocal() ?? restoreRemoteOrBuild());
  async function restoreRemoteOrBuild() {
    const remoteEntryExists = await context.remoteCache.restore(cacheKey, [prefix]);
    if (remoteEntryExists) {
      const remote = await readBuildRecord(prefix, cacheKey);
      const trusted = remote ? await trustCachedEntry(context, prefix, remote, cell.buildEnv) : { ok: false, problem: `it holds no complete build (no readable ${BUILD_RECORD_FILE} for this key)` };
      if (trusted.ok) {
        context.log.info(`${what} restored from the ${context.remoteCache.name} cache under key ${cacheKey}`);
        return finish("remote", trusted.record);
      }
      await discard(`${context.remoteCache.name} cache`, trusted.problem);
    }
    const cached = await readCachedBuilds(context.cacheDir, cell);
    const rebuildReason = damaged.join("; ") || explainCacheMiss(
      wanted,
      cached.map((record2) => ({
        material: record2.keyInputs,
        compilerCommand: record2.compilerCommand,
        builtWith: compilerFromSysVersion(record2.probe?.version)
      }))
    );
    context.log.info(
      `${what} is not cached: building it (key ${cacheKey})${rebuildReason && !damaged.length ? `. The cached builds of ${cell.python.text} (${cell.variant}) do not fit: ${rebuildReason}` : ""}`
    );
    const record = await buildInterpreter(context, cell, source, {
      sourceIdentity,
      cacheKey,
      prefix,
      keyInputs: wanted.material,
      compilerCommand: wanted.compilerCommand,
      ...options
    }).catch(async (error) => {
      await removeTree(prefix).catch(() => void 0);
      throw error;
    });
    if (remoteEntryExists) {
      context.log.info(
        `not saving ${what} to the ${context.remoteCache.name} cache: it keeps the damaged entry under ${cacheKey} and would not replace it; delete that entry (gh cache delete ${cacheKey}) to store this build`
      );
    } else await context.remoteCache.save(cacheKey, [prefix]);
    return finish("none", record, rebuildReason);
  }
}
async function trustCachedEntry(context, prefix, record, env) {
  try {
    const check = await checkPrefixManifest(prefix);
    if (check.state === "differs") return { ok: false, problem: check.problem };
    if (check.state === "matches") {
      const completed2 = await withAbiProbe(context, prefix, record, env);
      if (!record.probe?.abi) await writePrefixManifest(prefix);
      return { ok: true, record: completed2 };
    }
    context.log.info(`the cached build in ${prefix} predates manifests: checking it by running its interpreter`);
    const probe = await probeInterpreter(context, path12.join(prefix, "bin", "python3"), env);
    const difference = probeDifference(record.probe, probe);
    if (difference) return { ok: false, problem: `its interpreter runs but is not the one its build record describes: ${difference}` };
    const completed = await withAbiProbe(context, prefix, record, env, probe);
    await writePrefixManifest(prefix);
    context.log.info(`the interpreter runs and matches its build record: wrote its manifest (${MANIFEST_FILE}), so the next restore checks every file`);
    return { ok: true, record: completed };
  } catch (error) {
    return { ok: false, problem: `it could not be checked: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
  }
}
function probeDifference(recorded, probed) {
  if (!recorded) return void 0;
  const fields = ["version", "abiflags", "soabi", "pyDebug", "traceRefs"];
  const differing = fields.filter((field) => recorded[field] !== probed[field]);
  return differing.length ? differing.map((field) => `${field} ${JSON.stringify(probed[field])} instead of ${JSON.stringify(recorded[field])}`).join(", ") : void 0;
}
async function readCachedBuilds(cacheDir, cell) {
  const root = path12.join(cacheDir, "cpython");
  const names = await listDir(root).catch(() => []);
  const records = await Promise.all(names.map((name) => readJsonIfPresent(path12.join(root, name, BUILD_RECORD_FILE))));
  return records.filter((record) => record?.python === cell.python.text && record.cellId === cell.buildId).sort((a, b) => String(b.builtAt).localeCompare(String(a.builtAt)));
}
async function withAbiProbe(context, prefix, record, env, fresh) {
  if (record.probe?.abi) {
    const { abiFingerprint: _, ...rest } = record;
    const fingerprint2 = abiFingerprintOf({ ...record.probe, abi: record.probe.abi });
    return { ...rest, ...fingerprint2 ? { abiFingerprint: fingerprint2 } : {} };
  }
  context.log.info(
    `the cached build record in ${prefix} predates ABI fingerprints: ${fresh ? "completing it with the probe just run" : "probing the interpreter again"}`
  );
  const probe = fresh ?? await probeInterpreter(context, path12.join(prefix, "bin", "python3"), env);
  const fingerprint = probe.abi ? abiFingerprintOf({ ...probe, abi: probe.abi }) : void 0;
  const completed = { ...record, probe, ...fingerprint ? { abiFingerprint: fingerprint } : {} };
  await writeFileAtomic(path12.join(prefix, BUILD_RECORD_FILE), `${JSON.stringify(completed, null, 2)}
`);
  return completed;
}
async function readBuildRecord(prefix, cacheKey) {
  const record = await readJsonIfPresent(path12.join(prefix, BUILD_RECORD_FILE));
  return record?.cacheKey === cacheKey ? record : void 0;
}
async function buildInterpreter(context, cell, source, target) {
  const started = Date.now();
  const sourceDir = source.kind === "tree" ? source.path : await sharedSourceTree(context, await fetchSource(context, cell, source, target.sourceSha256));
  const workDir = path12.join(context.cacheDir, "work", target.cacheKey);
  await removeTree(target.prefix);
  await removeTree(workDir);
  await ensureDir(workDir);
  const buildDir = path12.join(workDir, cell.buildDirName);
  await ensureDir(buildDir);
  const buildEnv = { ...cell.buildEnv };
  const phaseSeconds = {};
  const timed = async (phase, work) => {
    const phaseStarted = Date.now();
    try {
      return await work();
    } finally {
      phaseSeconds[phase] = (Date.now() - phaseStarted) / 1e3;
    }
  };
  const sharedResults = path12.join(
    context.cacheDir,
    "configure",
    configureCacheName({
      python: cell.python.text,
      source: target.sourceIdentity,
      platform: context.platform,
      configureArgs: cell.configureArgs,
      env: { ...context.env, ...buildEnv }
    })
  );
  const configureResults = await takingTurnsAtConfigure(
    sharedResults,
    context,
    () => context.log.group(
      `configure ${cell.configureArgs.join(" ")}`,
      () => timed("configure", () => configureWithSharedResults(context, cell, target, sourceDir, buildDir, buildEnv, sharedResults))
    )
  );
  const discardSharedResults = async (work) => {
    try {
      return await work();
    } catch (error) {
      if (configureResults === "reused") {
        await removeFile(sharedResults);
        context.log.warning(
          `the configure results this build reused (${sharedResults}) were discarded in case they caused the failure: the next build runs configure in full`
        );
      }
      throw error;
    }
  };
  const levelZero = withLevelZeroBytecodeOnly(await readText(path12.join(buildDir, "Makefile")));
  if (levelZero.changed) await writeText(path12.join(buildDir, "Makefile"), levelZero.text);
  else context.log.info("this Makefile byte-compiles at install in a way pydebug does not know: bytecode for every optimisation level is installed");
  const ccache = await prepareCcacheMasquerade(path12.join(workDir, "ccache-bin"), { ...context.env, ...buildEnv });
  const makeEnv = ccache ? { ...buildEnv, ...ccacheEnv(ccache.dir, path12.join(context.cacheDir, "ccache"), { ...context.env, ...buildEnv }) } : buildEnv;
  const ccacheKeys = ccacheCacheKeys(target.cacheKey);
  const ccacheRestored = ccache && context.remoteCache.name !== "none" ? await context.remoteCache.restoreNearest(ccacheKeys.key, ccacheKeys.prefixes, [makeEnv.CCACHE_DIR]) : void 0;
  if (ccacheRestored) context.log.info(`ccache's folder restored from the ${context.remoteCache.name} cache (${ccacheRestored})`);
  const countsNow = () => ccache ? readCcacheCounts(context.runner, ccache.ccache, makeEnv, buildDir, logPath(context, "ccache-stats.log")) : void 0;
  const ccacheBefore = await countsNow();
  if (ccache) context.log.info(`make compiles through ccache (${ccache.ccache}; its folder: ${makeEnv.CCACHE_DIR}); CCACHE_DISABLE=1 turns it off`);
  await discardSharedResults(
    () => context.log.group(
      `make -j${target.jobs}`,
      () => timed(
        "make",
        () => runBuildPhase(context, "make", target.buildTimeouts, {
          argv: ["make", `-j${target.jobs}`],
          cwd: buildDir,
          env: makeEnv,
          logPath: logPath(context, "build-make.log")
        })
      )
    )
  );
  const ccacheCounts = ccacheDelta(ccacheBefore, await countsNow());
  if (ccacheCounts?.misses && context.remoteCache.name !== "none" && ccacheRestored !== ccacheKeys.key)
    await context.remoteCache.save(ccacheKeys.key, [makeEnv.CCACHE_DIR]);
  await discardSharedResults(
    () => context.log.group(
      "make install",
      () => timed(
        "install",
        () => runBuildPhase(context, "install", target.buildTimeouts, {
          argv: ["make", "install"],
          cwd: buildDir,
          env: buildEnv,
          logPath: logPath(context, "build-install.log")
        })
      )
    )
  );
  const leftOut = levelZero.changed ? [LEFT_OUT_BYTECODE] : [];
  for (const library of duplicateStaticLibraries(await listRelativeFiles(target.prefix))) {
    if (await hardLinkIfIdentical(path12.join(target.prefix, library.original), path12.join(target.prefix, library.duplicate)))
      leftOut.push(`the second copy of ${library.original} (${library.duplicate} is a hard link to it)`);
  }
  const suppressions = path12.join(target.prefix, VALGRIND_SUPPRESSIONS_FILE);
  await ensureDir(path12.dirname(suppressions));
  await copyFileIfPresent(path12.join(sourceDir, "Misc", "valgrind-python.supp"), suppressions);
  const probe = await probeInterpreter(context, path12.join(target.prefix, "bin", "python3"), buildEnv);
  if (cell.configureArgs.includes("--with-pydebug") && !probe.pyDebug) {
    throw new BuildError(
      `the interpreter built in ${target.prefix} has no sys.gettotalrefcount(): it is not a debug build (configure args: ${cell.configureArgs.join(" ")})`
    );
  }
  const fingerprint = probe.abi ? abiFingerprintOf({ ...probe, abi: probe.abi }) : void 0;
  const record = {
    schema: 1,
    cacheKey: target.cacheKey,
    cellId: cell.buildId,
    python: cell.python.text,
    configureArgs: cell.configureArgs,
    source: describeSource(source),
    sourceIdentity: target.sourceIdentity,
    builtAt: (/* @__PURE__ */ new Date()).toISOString(),
    buildSeconds: (Date.now() - started) / 1e3,
    phaseSeconds,
    ...ccacheCounts && ccacheCounts.hits + ccacheCounts.misses > 0 ? { ccache: ccacheCounts } : {},
    configureResults,
    installedBytes: await treeBytes(target.prefix),
    leftOut,
    probe,
    keyInputs: target.keyInputs,
    ...target.compilerCommand ? { compilerCommand: target.compilerCommand } : {},
    ...fingerprint ? { abiFingerprint: fingerprint } : {}
  };
  await writeFileAtomic(path12.join(target.prefix, BUILD_RECORD_FILE), `${JSON.stringify(record, null, 2)}
`);
  await writePrefixManifest(target.prefix).catch(
    (error) => context.log.warning(
      `could not write the manifest of ${target.prefix} (${error instanceof Error ? error.message : String(error)}): the next restore will rebuild it`
    )
  );
  if (!target.keepBuildTree) await removeTree(workDir);
  context.log.info(`built CPython ${cell.python.text} (${cell.variant}) in ${record.buildSeconds.toFixed(0)} s: ${target.prefix}`);
  return record;
}
var LEFT_OUT_BYTECODE = "bytecode for optimisation levels 1 and 2 (python -O writes it on first import)";
var configuresRunning = /* @__PURE__ */ new Map();
async function takingTurnsAtConfigure(sharedResults, context, configure) {
  const earlier = configuresRunning.get(sharedResults);
  const mine = (async () => {
    if (earlier) {
      context.log.info(`waiting for the configure of another build of this source to finish, to reuse its results (${sharedResults})`);
      await earlier.catch(() => void 0);
    }
    return configure();
  })();
  configuresRunning.set(sharedResults, mine);
  try {
    return await mine;
  } finally {
    if (configuresRunning.get(sharedResults) === mine) configuresRunning.delete(sharedResults);
  }
}
async function configureWithSharedResults(context, cell, target, sourceDir, buildDir, buildEnv, sharedResults) {
  const localResults = path12.join(buildDir, "config.cache");
  const configure = () => runBuildPhase(context, "configure", target.buildTimeouts, {
    argv: [path12.join(sourceDir, "configure"), `--cache-file=${localResults}`, ...cell.configureArgs, `--prefix=${target.prefix}`],
    cwd: buildDir,
    env: buildEnv,
    logPath: logPath(context, "build-configure.log")
  });
  let reused = await tryCopyFile(sharedResults, localResults);
  if (reused) context.log.info(`configure reuses the results of an earlier configure of this source with the same compiler and flags: ${sharedResults}`);
  try {
    await configure();
  } catch (error) {
    if (!reused || !(error instanceof BuildError)) throw error;
    const failedLog = logPath(context, "build-configure-with-reused-results.log");
    if (error.logPath) await moveFile(error.logPath, failedLog).catch(() => void 0);
    const quoted = error.message.split("\n").filter((line) => line.startsWith("  | ")).map((line) => line.slice(4));
    const reason = [...quoted].reverse().find((line) => line.includes("error")) ?? error.message.split("\n")[0];
    context.log.warning(
      `configure failed with the reused results of ${sharedResults} (${reason.trim()}; log: ${failedLog}): discarding them and running configure in full`
    );
    await removeFile(sharedResults);
    await removeFile(localResults);
    reused = false;
    await configure();
  }
  if (!await pathExists(localResults)) return "fresh";
  await copyFileAtomic(localResults, sharedResults).catch(
    (error) => context.log.warning(
      `could not save configure's results to ${sharedResults} (${error instanceof Error ? error.message : String(error)}): the next variant runs configure in full`
    )
  );
  return reused ? "reused" : "fresh";
}
function sourceTarballPath(context, cell, source) {
  if (source.kind === "file") return source.path;
  return path12.join(context.cacheDir, "sources", sourceFileName(source) || `Python-${cell.python.text}.tgz`);
}
async function fetchSource(context, cell, source, givenSha256) {
  if (source.kind === "file") return source.path;
  const what = `CPython ${cell.python.text} source`;
  const expected = expectedSourceDigest(source, givenSha256);
  if (!expected) context.log.warning(unverifiedDownloadWarning(what, source.url));
  const destination = sourceTarballPath(context, cell, source);
  if (await isFile(destination)) {
    if (!expected) return destination;
    const sha256 = await sha256File(destination);
    if (sha256 === expected.sha256) return destination;
    context.log.warning(`${digestMismatchMessage(what, `the earlier download ${destination}`, expected, sha256)} Downloading it again.`);
    await removeFile(destination);
  }
  context.log.info(`downloading ${source.url}`);
  await downloadFile(source.url, destination, what, expected);
  return destination;
}
async function sourceTreeDigest(folder, cell) {
  const problem = sourceTreeProblem(folder, await readTextIfPresent(path12.join(folder, SOURCE_TREE_VERSION_FILE)), cell.python);
  if (problem) throw new SourceError(problem);
  return hashTree(folder, (relativePath, isDirectory) => isDirectory && relativePath === ".git");
}
async function sharedSourceTree(context, tarball) {
  const home = path12.join(context.cacheDir, "source-trees", (await sha256File(tarball)).slice(0, 16));
  const unpacked = async () => (await listDirEntries(home)).find((entry) => entry.isDirectory);
  if (await pathExists(home)) {
    const tree = await unpacked();
    if (tree && await pathExists(path12.join(home, tree.name, "configure"))) {
      context.log.info(`the source tree of ${path12.basename(tarball)} is already unpacked: ${path12.join(home, tree.name)}`);
      return path12.join(home, tree.name);
    }
    await removeTree(home);
  }
  await ensureDir(path12.dirname(home));
  const partial = await makeTempDirIn(path12.dirname(home), `${path12.basename(home)}.partial-`);
  try {
    const sourceDir = await context.log.group(`Unpack ${path12.basename(tarball)}`, () => unpack(context, tarball, partial));
    await moveFile(partial, home).catch(async (error) => {
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
    return path12.join(home, path12.basename(sourceDir));
  } finally {
    await removeTree(partial);
  }
}
async function unpack(context, tarball, workDir) {
  const members = await listTarMembers(tarball).catch((error) => {
    throw new SourceError(`could not unpack ${tarball}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const unsafe = findUnsafeMember(members);
  if (unsafe) throw new SourceError(`refusing to unpack ${tarball}: its member ${unsafe.member.path} has ${unsafe.reason}, which no CPython source tarball has`);
  const result = await context.runner.run({ argv: ["tar", "-xf", tarball, "-C", workDir], cwd: workDir, logPath: logPath(context, "source-unpack.log") });
  if (result.exitCode !== 0) {
    throw new SourceError(`could not unpack ${tarball} (tar: ${describeExit(result)}): ${(await tailLines(result.logPath, 3)).join(" ")}`);
  }
  const entries = await listDirEntries(workDir);
  const directories = entries.filter((entry) => entry.isDirectory);
  if (directories.length !== 1 || entries.length !== 1) {
    throw new SourceError(
      `${tarball} does not look like a CPython source tarball: expected one top-level folder (Python-X.Y.Z/), found ${entries.map((entry) => entry.name).join(", ") || "nothing"}`
    );
  }
  const sourceDir = path12.join(workDir, directories[0].name);
  const topLevel = await listDir(sourceDir);
  if (!topLevel.includes("configure"))
    throw new SourceError(`${tarball} does not look like a CPython source tarball: ${directories[0].name}/ has no configure script`);
  return sourceDir;
}
async function runBuildPhase(context, phase, timeouts, spec) {
  const limitSeconds = timeouts?.[phase];
  const result = await context.runner.run({ ...spec, ...limitSeconds ? { timeoutMs: limitSeconds * 1e3 } : {} });
  if (result.timedOut && limitSeconds)
    throw new BuildError(stalledPhaseMessage(phase, limitSeconds, result.logPath, await tailLines(result.logPath, 25)), result.logPath);
  if (result.exitCode !== 0) {
    const tail = await tailLines(result.logPath, 25);
    throw new BuildError(
      `${phaseCommandName(phase)} failed (${describeExit(result)}); full log: ${result.logPath}
${tail.map((line) => `  | ${line}`).join("\n")}`,
      result.logPath
    );
  }
  return result;
}
async function probeInterpreter(context, pythonPath, env = {}) {
  const result = await context.runner.run({
    argv: [pythonPath, "-c", PROBE_CODE],
    cwd: context.outDir,
    env,
    logPath: logPath(context, "interpreter-probe.log"),
    captureStdout: true
  });
  try {
    if (result.exitCode !== 0) throw new Error(describeExit(result));
    return JSON.parse(result.stdout);
  } catch (error) {
    throw new BuildError(`${pythonPath} does not run (${error instanceof Error ? error.message : String(error)}); see ${result.logPath}`, result.logPath);
  }
}

// src/steps/run-cell.ts
import path26 from "node:path";

// src/catalog/variants.ts
var ASAN_BUILD_ENV = { ASAN_OPTIONS: "detect_leaks=0" };
var VARIANTS = [
  {
    name: "pydebug",
    summary: "Py_DEBUG build (--with-pydebug): assertions, sys.gettotalrefcount(), debug allocator hooks",
    configureArgs: ["--with-pydebug"],
    checks: ["allocation-report"],
    source: 'Doc/using/configure.rst "Python Debug Build"; Misc/SpecialBuilds.txt'
  },
  {
    name: "valgrind",
    summary: "Py_DEBUG without pymalloc, Valgrind-aware; tests run with PYTHONMALLOC=malloc so memcheck sees every block",
    configureArgs: ["--with-pydebug", "--without-pymalloc", "--with-valgrind"],
    // With the debug hooks on, a small overrun lands in the hook's pad bytes and memcheck never
    // sees it (fixtures/cpython-3.11.2-pydebug-valgrind/memcheck-debug-hooks.xml).
    runtimeEnv: { PYTHONMALLOC: "malloc" },
    checks: ["memcheck"],
    source: "Misc/README.valgrind; python/buildmaster-config ValgrindBuild"
  },
  {
    name: "pymalloc-debug",
    summary: "Py_DEBUG with the pymalloc debug hooks: PYMALLOC_DEBUG up to 3.9, PYTHONMALLOC=pymalloc_debug at run time",
    configureArgs: ["--with-pydebug"],
    macros: ["PYMALLOC_DEBUG"],
    runtimeEnv: { PYTHONMALLOC: "pymalloc_debug" },
    checks: ["allocation-report"],
    source: "Misc/SpecialBuilds.txt (PYMALLOC_DEBUG); Doc/c-api/memory.rst (debug hooks)",
    refusals: [
      {
        until: "3.6",
        reason: "PYTHONMALLOC appeared in 3.6; older debug builds get the hooks from the PYMALLOC_DEBUG macro that Py_DEBUG implies",
        source: "bpo-26516 (whatsnew/3.6)",
        alternative: "pydebug"
      }
    ],
    adjustments: [
      {
        from: "3.10",
        macros: [],
        reason: "the PYMALLOC_DEBUG macro was removed in 3.10; PYTHONMALLOC=pymalloc_debug gives the same checks at run time",
        source: "bpo-43774, PR #25711; PYTHONMALLOC since 3.6 (bpo-26516)",
        equivalent: true
      }
    ]
  },
  {
    name: "count-allocs",
    summary: "COUNT_ALLOCS: per-type allocation counts (sys.getcounts(), -X showalloccount)",
    configureArgs: ["--with-pydebug"],
    macros: ["COUNT_ALLOCS"],
    checks: ["allocation-report", "count-allocs"],
    source: "Misc/SpecialBuilds.txt v3.8.7 (COUNT_ALLOCS)",
    refusals: [
      {
        from: "3.9",
        reason: "COUNT_ALLOCS was removed in CPython 3.9; defining it builds an interpreter without the counts",
        source: "bpo-39489 (whatsnew/3.9)",
        alternative: "trace-refs"
      }
    ]
  },
  {
    name: "trace-refs",
    summary: "Py_TRACE_REFS (--with-trace-refs): every live object is tracked; sys.getobjects(), PYTHONDUMPREFS",
    configureArgs: ["--with-pydebug", "--with-trace-refs"],
    checks: ["allocation-report", "census"],
    source: "Misc/SpecialBuilds.txt (Py_TRACE_REFS); Doc/using/configure.rst --with-trace-refs",
    adjustments: [
      {
        until: "3.8",
        configureArgs: ["--with-pydebug"],
        reason: "--with-trace-refs was added in 3.8; before that Py_DEBUG implies Py_TRACE_REFS, so the pydebug build is the trace-refs build",
        source: "bpo-36465, PR #12615 (whatsnew/3.8); Include/object.h v3.7.0",
        equivalent: true
      }
    ]
  },
  {
    name: "ref-debug",
    summary: "Py_REF_DEBUG alone on a release build: sys.gettotalrefcount() without the cost of Py_DEBUG",
    configureArgs: [],
    macros: ["Py_REF_DEBUG"],
    checks: ["allocation-report"],
    source: "Misc/SpecialBuilds.txt (Py_REF_DEBUG)",
    refusals: [
      {
        // Measured on 3.11.2: an empty function called 1,000 times adds 2,010 to the total, and regrtest -R
        // reports every test of examples/defects, the clean one too, as leaking ~4,150 references per run
        // (test/fixtures/cpython-3.11.2-ref-debug/). 3.13.5's ceval.c keeps the same macros.
        from: "3.11",
        reason: "the eval loop redefines Py_DECREF without the reference total on builds that have neither Py_DEBUG nor Py_TRACE_REFS, so sys.gettotalrefcount() grows with every bytecode executed and regrtest -R reports every test as leaking",
        source: 'gh-89279 (Python/ceval.c, 3.11+: "#if !defined(Py_DEBUG) && !defined(Py_TRACE_REFS)")',
        alternative: "pydebug"
      }
    ]
  },
  {
    name: "asan",
    summary: "Py_DEBUG with AddressSanitizer (pymalloc off); tests run with PYTHONMALLOC=malloc",
    configureArgs: ["--with-pydebug", "--with-address-sanitizer", "--without-pymalloc"],
    buildEnv: ASAN_BUILD_ENV,
    // LeakSanitizer off for the refleak hunt, as CPython's own ASan buildbot runs: its report at exit would end
    // each test file's regrtest worker with exit code 23, read as a crash. The sanitizer pass turns it on
    // (catalog/sanitizers.ts), one process per test file, with CPython's own leaks at exit suppressed.
    runtimeEnv: { PYTHONMALLOC: "malloc", ASAN_OPTIONS: "detect_leaks=0:allocator_may_return_null=1:handle_segv=0" },
    source: "python/buildmaster-config UnixAsanBuild (.asan_debug); CPython build.yml ASan job",
    checks: ["address-sanitizer"]
  },
  {
    name: "ubsan",
    summary: "Py_DEBUG with UndefinedBehaviorSanitizer",
    configureArgs: ["--with-pydebug", "--with-undefined-behavior-sanitizer"],
    runtimeEnv: { UBSAN_OPTIONS: "print_stacktrace=1" },
    checks: ["allocation-report", "undefined-behavior-sanitizer"],
    source: "python/buildmaster-config ClangUbsanLinuxBuild; CPython reusable-san.yml"
  },
  {
    name: "tsan",
    summary: "Py_DEBUG with ThreadSanitizer (3.13+); Linux runners need vm.mmap_rnd_bits=28",
    configureArgs: ["--with-pydebug", "--with-thread-sanitizer"],
    runtimeEnv: { TSAN_OPTIONS: "halt_on_error=0 second_deadlock_stack=1" },
    source: "CPython reusable-tsan.yml / reusable-san.yml; Doc/using/configure.rst --with-thread-sanitizer",
    refusals: [
      {
        until: "3.13",
        reason: "--with-thread-sanitizer was added in 3.13",
        source: 'configure.ac 3.13; Doc/using/configure.rst "versionadded 3.13"',
        alternative: "asan"
      }
    ],
    checks: ["thread-sanitizer"]
  },
  {
    name: "free-threading",
    summary: 'Py_DEBUG free-threaded build (--disable-gil, ABI flags "td")',
    configureArgs: ["--with-pydebug", "--disable-gil"],
    checks: ["allocation-report", "gil"],
    source: "PEP 703; Doc/using/configure.rst --disable-gil; python/buildmaster-config UnixNoGilBuild",
    refusals: [
      {
        until: "3.13",
        reason: "--disable-gil (PEP 703) was added in 3.13",
        source: "gh-108223, PR #108227 (--disable-gil); PR #109922 (ABI flag t); whatsnew/3.13"
      }
    ]
  }
];
function findVariant(name) {
  return VARIANTS.find((variant) => variant.name === name);
}

// src/plan/cell.ts
function inRange(python, range) {
  return (range.from === void 0 || compareMinor(python, range.from) >= 0) && (range.until === void 0 || compareMinor(python, range.until) < 0);
}
function cellId(python, variant, freeThreaded = false) {
  return `${interpreterTag(python)}${freeThreaded ? "t" : ""}-${variant}`;
}
function isFreeThreaded(configureArgs) {
  return configureArgs.includes("--disable-gil");
}
function planCell(python, variant) {
  const id = cellId(python, variant.name, isFreeThreaded(variant.configureArgs));
  const refuse = (reason, source, alternative) => ({
    ok: false,
    refusal: {
      id,
      python,
      variant: variant.name,
      reason: `${variant.name} is not available on CPython ${minorOf(python)}: ${reason}`,
      source,
      ...alternative ? { alternative } : {}
    }
  });
  const refusal = variant.refusals?.find((rule) => inRange(python, rule));
  if (refusal) return refuse(refusal.reason, refusal.source, refusal.alternative);
  const adjustment = variant.adjustments?.find((rule) => inRange(python, rule));
  const baseArgs = adjustment?.configureArgs ?? variant.configureArgs;
  const macros = adjustment?.macros ?? variant.macros ?? [];
  const runtimeEnv = adjustment?.runtimeEnv ?? variant.runtimeEnv ?? {};
  const problem = findBuildProblem(python, baseArgs, macros, runtimeEnv);
  if (problem) return refuse(problem.reason, problem.source, problem.alternative);
  const configureArgs = withMacros(baseArgs, macros);
  const buildEnv = { ...variant.buildEnv };
  const sameBuild = VARIANTS.slice(0, Math.max(0, VARIANTS.indexOf(variant))).find((candidate) => sameBuildAs(python, candidate, configureArgs, buildEnv));
  const abiFlags = abiFlagsOf(python, configureArgs);
  const abiRules = extensionAbiRules(python, baseArgs, macros);
  const tags = [...new Set(abiRules.map((rule) => rule.tag))];
  return {
    ok: true,
    cell: {
      id,
      buildId: sameBuild ? cellId(python, sameBuild.name, isFreeThreaded(configureArgs)) : id,
      python,
      variant: variant.name,
      configureArgs,
      buildEnv,
      runtimeEnv: { ...runtimeEnv },
      abiFlags,
      extensionAbi: `${interpreterTag(python)}${abiFlags}${tags.map((tag) => `-${tag}`).join("")}`,
      buildDirName: variant.name === "pydebug" ? "debug" : variant.name,
      macros: [...macros],
      extensionRebuild: extensionRebuildOf(python, abiFlags, abiRules),
      ...adjustment?.equivalent ? { substitution: { reason: adjustment.reason, source: adjustment.source } } : {}
    }
  };
}
function sameBuildAs(python, candidate, configureArgs, buildEnv) {
  if (candidate.refusals?.some((rule) => inRange(python, rule))) return false;
  const adjustment = candidate.adjustments?.find((rule) => inRange(python, rule));
  const args = withMacros(adjustment?.configureArgs ?? candidate.configureArgs, adjustment?.macros ?? candidate.macros ?? []);
  const env = Object.entries(candidate.buildEnv ?? {}).sort();
  return JSON.stringify(args) === JSON.stringify(configureArgs) && JSON.stringify(env) === JSON.stringify(Object.entries(buildEnv).sort());
}
function withMacros(configureArgs, macros) {
  if (!macros.length) return [...configureArgs];
  const defines = macros.map((macro) => `-D${macro}`).join(" ");
  const given = configureArgs.findIndex((arg) => arg.startsWith("CFLAGS="));
  if (given === -1) return [...configureArgs, `CFLAGS=${defines}`];
  return configureArgs.map((arg, index) => index === given ? `${arg} ${defines}` : arg);
}
function findBuildProblem(python, configureArgs, macros, runtimeEnv) {
  for (const arg of configureArgs) {
    const option = findConfigureOption(arg);
    if (option && !inRange(python, option)) {
      const when = option.from && compareMinor(python, option.from) < 0 ? `was added in ${option.from}` : `was removed in ${option.until}`;
      return { reason: `configure option ${optionName(arg)} ${when}`, source: option.source };
    }
  }
  for (const macro of macros) {
    const rule = findMacro(macro);
    if (rule && !inRange(python, rule))
      return { reason: rule.outsideRange, source: rule.source, ...rule.alternative ? { alternative: rule.alternative } : {} };
  }
  const present = /* @__PURE__ */ new Set([...configureArgs.map(optionName), ...macros.map(optionName)]);
  for (const rule of COMBINATIONS) {
    if (inRange(python, rule) && rule.all.every((item) => present.has(item))) {
      return { reason: `${rule.all.join(" with ")}: ${rule.reason}`, source: rule.source, ...rule.alternative ? { alternative: rule.alternative } : {} };
    }
  }
  for (const rule of RUNTIME_ENV_RULES) {
    const value = runtimeEnv[rule.variable];
    if (value === void 0 || !rule.values.includes(value) || !inRange(python, rule)) continue;
    if (rule.whenAny && !rule.whenAny.some((item) => present.has(item))) continue;
    return { reason: `${rule.variable}=${value}: ${rule.reason}`, source: rule.source };
  }
  return void 0;
}
function extensionAbiRules(python, configureArgs, macros) {
  const fromOptions = configureArgs.flatMap((arg) => findConfigureOption(arg)?.abi ?? []);
  const implied = configureArgs.includes("--with-pydebug") ? ["Py_REF_DEBUG"] : [];
  const fromMacros = macros.filter((macro) => !implied.includes(optionName(macro))).flatMap((macro) => findMacro(macro)?.abi ?? []);
  return [...fromOptions, ...fromMacros].filter((rule) => inRange(python, rule));
}
function extensionRebuildOf(python, abiFlags, abiRules) {
  if (abiFlags.includes("t")) return { need: "required", reason: "free-threaded builds load only cp3XXt extensions (PR #109922)" };
  const abi = abiRules.find((rule) => (rule.kind ?? "abi") === "abi");
  if (abi) return { need: "required", reason: abi.reason };
  if (abiFlags.includes("d") && compareMinor(python, "3.8") < 0) {
    return { need: "required", reason: "before 3.8 a debug build has its own ABI and does not load release extensions (bpo-36465, bpo-36722)" };
  }
  const instrumentation2 = abiRules.find((rule) => rule.kind === "instrumentation");
  if (instrumentation2) return { need: "instrumented", reason: instrumentation2.reason };
  return {
    need: "not-needed",
    reason: compareMinor(python, "3.8") >= 0 ? "same ABI as a release build on Unix since 3.8 (bpo-36465, bpo-36722)" : "release ABI"
  };
}
function abiFlagsOf(python, configureArgs) {
  const has = (flag) => configureArgs.includes(flag);
  const pymalloc = compareMinor(python, "3.8") < 0 && !has("--without-pymalloc") && !has("--with-address-sanitizer") && !has("--with-memory-sanitizer");
  return `${has("--disable-gil") ? "t" : ""}${has("--with-pydebug") ? "d" : ""}${pymalloc ? "m" : ""}`;
}

// src/report/model.ts
var REPORT_SCHEMA_VERSION = 1;

// src/report/baseline.ts
var SEPARATOR = " | ";
function findingIdentity(finding) {
  const where = finding.file ? `${finding.file.replaceAll("\\", "/")}${finding.line ? `:${finding.line}` : ""}` : finding.function ?? "";
  return [finding.kind, finding.test ?? "", finding.case ?? "", where].map(escapePart).join(SEPARATOR);
}
function identityParts(identity) {
  const parts = [""];
  for (let index = 0; index < identity.length; index++) {
    const char = identity[index];
    if (char === "\\" && index + 1 < identity.length) parts[parts.length - 1] += identity[++index];
    else if (identity.startsWith(SEPARATOR, index)) {
      parts.push("");
      index += SEPARATOR.length - 1;
    } else parts[parts.length - 1] += char;
  }
  const [kind = "", test = "", testCase = "", where = ""] = parts;
  return { kind, test, case: testCase, where };
}
function escapePart(part) {
  return part.replaceAll("\\", "\\\\").replaceAll("|", "\\|");
}
function readBaseline(text3, source) {
  let value;
  try {
    value = JSON.parse(text3);
  } catch (error) {
    return { ok: false, problem: `it is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, problem: "it is JSON but not an object" };
  const record = value;
  if (record.schema !== REPORT_SCHEMA_VERSION)
    return {
      ok: false,
      problem: `it has no "schema": ${REPORT_SCHEMA_VERSION} (found ${JSON.stringify(record.schema) ?? "none"}), so it is not a pydebug report`
    };
  if (!Array.isArray(record.findings)) return { ok: false, problem: 'it has no "findings" list' };
  const identities = [];
  for (const [index, entry] of record.findings.entries()) {
    const finding = entry;
    if (typeof finding !== "object" || finding === null || typeof finding.kind !== "string")
      return { ok: false, problem: `findings[${index}] is not a finding (no "kind")` };
    identities.push(
      findingIdentity({
        kind: finding.kind,
        ...stringField(finding, "test"),
        ...stringField(finding, "case"),
        ...stringField(finding, "file"),
        ...stringField(finding, "function"),
        ...typeof finding.line === "number" ? { line: finding.line } : {}
      })
    );
  }
  return { ok: true, baseline: { source, identities: [...new Set(identities)] } };
}
function stringField(record, key) {
  const value = record[key];
  return typeof value === "string" ? { [key]: value } : {};
}
function baselineOrError(text3, given) {
  const reading = text3 === void 0 ? { ok: false, problem: "no such file, or it cannot be read" } : readBaseline(text3, given);
  if (reading.ok) return reading.baseline;
  throw new ConfigError(
    `baseline '${given}': ${reading.problem}. Give the report.json of an earlier pydebug run (a cell's artifact) or the report.json pydebug report merge wrote.`
  );
}
function compareWithBaseline(findings, baseline) {
  const current = [...new Set(findings.map(findingIdentity))];
  if (!baseline) return { new: current, fixed: [], unchanged: [] };
  const before = new Set(baseline.identities);
  const now = new Set(current);
  return {
    source: baseline.source,
    new: current.filter((identity) => !before.has(identity)),
    fixed: baseline.identities.filter((identity) => !now.has(identity)),
    unchanged: current.filter((identity) => before.has(identity))
  };
}
function withBaseline(report, baseline, failOn) {
  if (!baseline && failOn !== "new") return report;
  return { ...report, baseline: compareWithBaseline(report.findings, baseline) };
}
function newFindings(findings, section2) {
  const known = new Set(section2?.unchanged ?? []);
  return findings.filter((finding) => !known.has(findingIdentity(finding)));
}

// src/catalog/cpython-tests.ts
var RERUN_IN_MAIN_PROCESS = "re-runs failed tests in the main process (libregrtest/main.py rerun_failed_tests \u2192 runtest), where --timeout ends the whole run on a hung test and every result is lost; failed tests are reported without a re-run";
var CPYTHON_TEST_PROFILES = [
  {
    until: "3.13",
    // run_tests.py: [sys.executable, '-u', '-W', 'default', '-bb', '-E', ..., '-m', 'test', '-r', '-w', '-j', '0', '-u', 'all,-largefile,-audio,-gui']
    pythonOptions: ["-u", "-W", "default", "-bb"],
    ignoresEnvironment: true,
    regrtestOptions: ["-r"],
    notPassed: [{ option: "-w", reason: RERUN_IN_MAIN_PROCESS }],
    defaultResources: "all,-largefile,-audio,-gui",
    quickExclusions: [
      "test_subprocess",
      "test_io",
      "test_lib2to3",
      "test_multibytecodec",
      "test_urllib2_localnet",
      "test_itertools",
      "test_multiprocessing_fork",
      "test_multiprocessing_spawn",
      "test_multiprocessing_forkserver",
      "test_mailbox",
      "test_nntplib",
      "test_socket",
      "test_poll",
      "test_select",
      "test_zipfile",
      "test_concurrent_futures"
    ],
    source: "Makefile.pre.in `test:` runs Tools/scripts/run_tests.py (no TESTTIMEOUT), `quicktest:` adds QUICKTESTOPTS (read in 3.11.2; 3.9 has the same rule and run_tests.py; 3.12 releases after gh-109566 switched to --fast-ci)"
  },
  {
    from: "3.13",
    // --fast-ci: -j0 --randomize --fail-env-changed --rerun --slowest --verbose3, -u all,-cpu, --timeout 600;
    // it re-executes the interpreter with -u -W error -bb -E unless --dont-add-python-opts is given.
    pythonOptions: ["-u", "-W", "error", "-bb"],
    ignoresEnvironment: true,
    regrtestOptions: ["--fast-ci", "--dont-add-python-opts"],
    notPassed: [],
    makeTestTimeoutSeconds: 600,
    quickExclusions: [
      "test_subprocess",
      "test_io",
      "test_multibytecodec",
      "test_urllib2_localnet",
      "test_itertools",
      "test_multiprocessing_fork",
      "test_multiprocessing_spawn",
      "test_multiprocessing_forkserver",
      "test_mailbox",
      "test_socket",
      "test_poll",
      "test_select",
      "test_zipfile",
      "test_concurrent_futures"
    ],
    source: "Makefile.pre.in `test: $(TESTRUNNER) --fast-ci --timeout=$(TESTTIMEOUT)`, QUICKTESTOPTS; Lib/test/libregrtest/cmdline.py (--fast-ci) and main.py _add_ci_python_opts (read in 3.13.5; gh-109566)"
  }
];

// src/plan/cpython-tests.ts
var CPYTHON_TESTS_MODES = ["none", "quick", "full"];
var REFUSED_ARGS = [
  { prefixes: ["--junit-xml"], why: "pydebug writes the JUnit XML to <out>/cpython-tests.junit.xml itself" },
  { prefixes: ["--list-tests", "--list-cases"], why: "it only lists tests and runs none" },
  { prefixes: ["-h", "--help"], why: "it prints the help and runs nothing" },
  { prefixes: ["-f", "--fromfile"], why: "pydebug passes the test list itself when it shards the suite; give the test names as arguments" }
];
function parseCpythonTestsSelection(text3) {
  const trimmed = text3.trim();
  if (CPYTHON_TESTS_MODES.includes(trimmed)) return { ok: true, selection: { kind: trimmed } };
  const quote = /['"\\]/.exec(trimmed);
  if (quote)
    return {
      ok: false,
      problem: `quotes and backslashes are not allowed (found ${quote[0]}): the arguments are split on spaces with no shell, so no quoting is needed`
    };
  const args = trimmed.split(/\s+/).filter(Boolean);
  if (args.length === 0) return { ok: false, problem: `expected ${CPYTHON_TESTS_MODES.join(", ")} or regrtest arguments` };
  if (!args.some((arg) => arg.startsWith("-") || /^test_\w+/.test(arg))) {
    return {
      ok: false,
      problem: `expected ${CPYTHON_TESTS_MODES.join(", ")} or regrtest arguments (test names such as test_int, options such as -x test_io or -u network)`
    };
  }
  for (const arg of args) {
    const refused = REFUSED_ARGS.find(
      (rule) => rule.prefixes.some(
        (prefix) => arg === prefix || arg.startsWith(`${prefix}=`) || prefix.length === 2 && arg.startsWith(prefix) && !arg.startsWith("--")
      )
    );
    if (refused) return { ok: false, problem: `'${arg}' is not allowed: ${refused.why}` };
  }
  return { ok: true, selection: { kind: "args", args } };
}
function defaultCpythonTestsSelection(hasExtension) {
  return hasExtension ? { kind: "none" } : { kind: "quick" };
}
function describeSelection(selection) {
  return selection.kind === "args" ? selection.args.join(" ") : selection.kind;
}
function cpythonTestProfile(python) {
  const profile = CPYTHON_TEST_PROFILES.find((candidate) => inRange(python, candidate));
  if (!profile) throw new Error(`no CPython test profile covers ${minorOf(python)}`);
  return profile;
}
var givesJobs = (arg) => arg.startsWith("-j") || arg.startsWith("--multiprocess") || arg === "--single-process";
var givesTimeout = (arg) => arg === "--timeout" || arg.startsWith("--timeout=");
var givesResources = (arg) => arg.startsWith("-u") && !arg.startsWith("--") || arg === "--use" || arg.startsWith("--use=");
function planCpythonTestsCommand(input) {
  const profile = cpythonTestProfile(input.python);
  return {
    argv: regrtestArgv(input, profile, "run"),
    makeTestOptions: [...profile.pythonOptions, ...profile.regrtestOptions],
    notPassed: [
      { option: "-E", reason: "it would ignore the variant's PYTHON* settings; the inherited PYTHON* variables are removed instead" },
      ...profile.notPassed
    ],
    source: profile.source
  };
}
function planCpythonTestsListing(input) {
  return regrtestArgv(input, cpythonTestProfile(input.python), "list");
}
function regrtestArgv(input, profile, mode) {
  const user = input.selection.kind === "args" ? input.selection.args : [];
  const tail = input.selection.kind === "quick" ? ["-x", ...profile.quickExclusions] : [...user];
  const pydebugOptions = mode === "list" ? ["--list-tests"] : [
    ...user.some(givesJobs) ? [] : ["-j", String(input.jobs)],
    ...user.some(givesTimeout) ? [] : ["--timeout", String(input.timeoutSeconds)],
    ...profile.defaultResources && !user.some(givesResources) ? ["-u", profile.defaultResources] : [],
    "--junit-xml",
    input.junitXml,
    ...input.testsFile ? ["--fromfile", input.testsFile] : []
  ];
  return [input.pythonPath, ...profile.pythonOptions, "-m", "test", ...profile.regrtestOptions, ...pydebugOptions, ...tail];
}
function planCpythonTestsEnv(inherited, runtimeEnv) {
  const removed = Object.keys(inherited).filter((name) => name.startsWith("PYTHON") && inherited[name] !== void 0 && !(name in runtimeEnv)).sort();
  return { env: { ...Object.fromEntries(removed.map((name) => [name, void 0])), ...runtimeEnv }, applied: { ...runtimeEnv }, removed };
}
function parseShardSpec(text3) {
  const match = /^(\d+)\/(\d+)$/.exec(text3.trim());
  if (!match) return void 0;
  const index = Number(match[1]);
  const count2 = Number(match[2]);
  return index >= 1 && count2 >= 1 && index <= count2 ? { index, count: count2 } : void 0;
}
function shardSuffix(shard) {
  return `cpy${shard.index}of${shard.count}`;
}
function assignShard(tests, shard, durations = {}) {
  const files = [...new Set(tests.map(testFileOf))].sort();
  const known = files.map((file) => durations[file]).filter((seconds) => typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0);
  if (known.length === 0) return files.filter((_, position) => position % shard.count === shard.index - 1);
  const mean = known.reduce((total, seconds) => total + seconds, 0) / known.length;
  const weight = (file) => {
    const seconds = durations[file];
    return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? seconds : mean;
  };
  const ordered = [...files].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1));
  const loads = Array.from({ length: shard.count }, () => 0);
  const mine = [];
  for (const file of ordered) {
    let target = 0;
    for (let candidate = 1; candidate < loads.length; candidate++) if (loads[candidate] < loads[target]) target = candidate;
    loads[target] += weight(file);
    if (target === shard.index - 1) mine.push(file);
  }
  return mine.sort();
}
function testFileOf(name) {
  const parts = name.trim().split(".");
  return parts.find((part) => part.startsWith("test_")) ?? parts[parts.length - 1];
}

// src/report/cpython-tests.ts
var ENVIRONMENT_HOW = "without -E (which make test passes), so the variant's runtime settings apply; inherited PYTHON* variables are removed instead";
var round = (seconds) => Math.round(seconds * 1e3) / 1e3;
function cpythonTestsSection(run, problems, relative) {
  const { parsed } = run;
  const { counts, lists } = parsed.summary;
  const log = relative(run.log);
  const timedOut = new Set(
    parsed.tests.filter(
      (test) => test.outcome === "timed-out" || test.outcome === "crashed" && problems.some((problem) => problem.kind === "timeout" && problem.test === test.name && problem.log === log)
    ).map((test) => test.name)
  );
  const durations = {};
  const seconds = new Map(Object.entries(run.junit?.files ?? {}).map(([file, totals]) => [file, round(totals.seconds)]));
  for (const test of parsed.tests) if (test.seconds !== void 0) seconds.set(test.name, test.seconds);
  for (const file of [...seconds.keys()].sort()) durations[file] = seconds.get(file);
  return {
    selection: describeSelection(run.selection),
    command: run.command,
    exitCode: run.exitCode,
    log,
    source: run.plan.source,
    notPassed: run.plan.notPassed,
    environment: { applied: run.environment.applied, removed: run.environment.removed, how: ENVIRONMENT_HOW },
    timeoutSeconds: run.timeoutSeconds,
    ...parsed.summary.state ? { state: parsed.summary.state } : {},
    finished: parsed.summary.state !== void 0,
    counts: {
      ok: counts.ok ?? 0,
      failed: counts.failed ?? 0,
      skipped: counts.skipped ?? 0,
      resourceDenied: counts["resource denied"] ?? parsed.tests.filter((test) => test.outcome === "resource-denied").length,
      envChanged: counts["env changed"] ?? 0,
      timedOut: timedOut.size,
      rerun: counts["re-run"] ?? 0,
      runNoTests: counts["run no tests"] ?? 0,
      omitted: counts.omitted ?? 0
    },
    ...lists.failed?.length ? { failed: lists.failed } : {},
    ...timedOut.size ? { timedOutTests: [...timedOut].sort() } : {},
    tests: parsed.tests.map((test) => ({
      name: test.name,
      outcome: timedOut.has(test.name) ? "timed-out" : test.outcome,
      ...test.result ? { result: test.result } : {}
    })),
    ...run.junit ? {
      junit: {
        path: relative(run.junitXml),
        tests: run.junit.totals?.tests ?? run.junit.cases,
        failures: run.junit.totals?.failures ?? run.junit.failures,
        errors: run.junit.totals?.errors ?? run.junit.errors,
        skipped: run.junit.skipped,
        files: Object.keys(run.junit.files).length
      }
    } : {},
    durations,
    ...run.shard ? { shard: { index: run.shard.index, count: run.shard.count, tests: run.shard.tests, balancedBy: run.shard.balancedBy } } : {},
    ...parsed.summary.workerFailure ? { workerFailure: parsed.summary.workerFailure } : {}
  };
}
function cpythonTestsFindings(section2, tests, problems) {
  const findings = [];
  const byName = new Map(tests.map((test) => [test.name, test]));
  const failed = section2.failed ?? tests.filter((test) => test.outcome === "failed" || test.outcome === "crashed" || test.outcome === "timed-out").map((test) => test.name);
  for (const name of failed) {
    const test = byName.get(name);
    const base = { test: name, log: section2.log, pass: "cpython-tests" };
    if (section2.timedOutTests?.includes(name)) {
      findings.push({
        kind: "timeout",
        ...base,
        message: `${name} timed out after ${section2.timeoutSeconds} s in CPython's test suite and was killed; the other test files ran`,
        detail: `killed after ${section2.timeoutSeconds} s (--timeout)`
      });
    } else if (test?.outcome === "crashed") {
      const cause = problems.find((problem) => problem.test === name && problem.log === section2.log && problem.kind !== "timeout");
      const fatal = test.fatalError ? `Fatal Python error: ${test.fatalError}` : void 0;
      const why = [test.result, cause?.message ?? fatal].filter(Boolean).join(" \xB7 ");
      findings.push({ kind: "crash", ...base, message: `${name} crashed in CPython's test suite${why ? `: ${why}` : ""}`, ...why ? { detail: why } : {} });
    } else {
      const why = test?.exception ?? test?.result;
      findings.push({
        kind: "test-failure",
        ...base,
        message: `${name} failed in CPython's test suite${why ? `: ${why}` : ""}`,
        ...why ? { detail: why } : {},
        ...test?.traceback ? { traceback: test.traceback } : {}
      });
    }
  }
  if (!section2.finished) {
    findings.push({
      kind: "not-run",
      message: `CPython's test suite did not finish (exit code ${section2.exitCode}): regrtest printed no summary, so ${section2.tests.length} test file${section2.tests.length === 1 ? " has" : "s have"} a verdict and the rest were not run`,
      detail: `no summary (exit code ${section2.exitCode})`,
      log: section2.log,
      pass: "cpython-tests"
    });
  } else if (section2.counts.omitted) {
    findings.push({
      kind: "not-run",
      message: `${section2.counts.omitted} test file${section2.counts.omitted === 1 ? " was" : "s were"} never run (regrtest omitted them)`,
      log: section2.log,
      pass: "cpython-tests"
    });
  }
  return findings;
}

// src/report/test-command.ts
import path13 from "node:path";

// src/parse/frames.ts
var CPYTHON_SOURCE = /^(?:\.\.\/)+(?:Objects|Python|Modules|Include|Parser|Programs)\/|\/[Pp]ython-?3\.\d+[^/]*\/(?:[^/]+\/)*(?:Objects|Python|Modules|Include|Parser|Programs)\//;
var CPYTHON_BINARY = /(?:^|\/)(?:python3?(?:\.\d+)?d?|libpython3\.\d+d?\.so[.\d]*)$/;
var CPYTHON_STDLIB_MODULE = /\/lib-dynload\/|\/lib\/python3\.\d+t?\/(?!site-packages)/;
var SYSTEM = /(?:^|\/)(?:libc\.so|libc-|ld-linux|libpthread|libm\.so|libstdc\+\+|libgcc_s|vgpreload_|libasan|libubsan|liblsan|libtsan)|libsanitizer\/|^\.\.\/sysdeps\/|^\.\.\/csu\/|\/valgrind\//;
var SYSTEM_FUNCTION = /^(?:__interceptor_|__asan_|__lsan_|__ubsan_|__sanitizer_|__libc_start|_start$|malloc$|calloc$|realloc$|free$|operator new|operator delete)/;
function classifyFrame(frame, hints = {}) {
  const file = frame.file ?? "";
  const module = frame.module ?? "";
  for (const fragment of hints.extensionPaths ?? []) {
    if (fragment && (file.includes(fragment) || module.includes(fragment))) return "extension";
  }
  if (frame.function && SYSTEM_FUNCTION.test(frame.function) || SYSTEM.test(file) || SYSTEM.test(module)) return "system";
  if (CPYTHON_SOURCE.test(file)) return "cpython";
  if (file === "" && CPYTHON_BINARY.test(module)) return "cpython";
  if (CPYTHON_STDLIB_MODULE.test(module) && !/site-packages/.test(module)) return "cpython";
  if (file !== "" || /\.so(?:\.|$)|\.pyd$|\.dylib$/.test(module)) return "extension";
  return "unknown";
}
var RUNNER_CHECKOUT = /^(?:\/home\/runner\/work|\/Users\/runner\/work|[A-Za-z]:[\\/]a)[\\/][^\\/]+[\\/][^\\/]+[\\/](.+)$/;
function workspaceRelative(path31, workspace) {
  if (workspace) {
    const root = workspace.replace(/[\\/]+$/, "");
    if (path31.startsWith(`${root}/`) || path31.startsWith(`${root}\\`)) return path31.slice(root.length + 1).replace(/\\/g, "/");
  }
  const match = RUNNER_CHECKOUT.exec(path31);
  return match ? match[1].replace(/\\/g, "/") : path31;
}

// src/parse/pytest-junit.ts
var MAX_JUNIT_CASES = 1e4;
var MAX_TEXT = 4e3;
var MAX_PENDING = 1 << 20;
var ATTRIBUTE = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
var ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
var NAMED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
function decodeXmlText(text3) {
  return text3.includes("&") ? text3.replace(
    ENTITY,
    (_, decimal, hex, name) => name ? NAMED[name] : String.fromCodePoint(Number.parseInt(decimal ?? hex, decimal ? 10 : 16))
  ) : text3;
}
function attributes(tag) {
  const found = {};
  for (const match of tag.matchAll(ATTRIBUTE)) found[match[1]] = decodeXmlText(match[2] ?? match[3]);
  return found;
}
var number = (text3) => text3 === void 0 || text3 === "" || Number.isNaN(Number(text3)) ? void 0 : Number(text3);
var JUnitXmlParser = class {
  pending = "";
  suites = [];
  cases = [];
  current;
  /** Inside `<failure>` or `<error>`: its text is kept (bounded). */
  collectingText = false;
  droppedCases = 0;
  malformed = 0;
  next(line) {
    this.pending += `${line}
`;
    let from = 0;
    for (; ; ) {
      const open6 = this.pending.indexOf("<", from);
      if (open6 < 0) {
        this.text(this.pending.slice(from));
        from = this.pending.length;
        break;
      }
      this.text(this.pending.slice(from, open6));
      const close = this.pending.indexOf(">", open6);
      if (close < 0) {
        from = open6;
        break;
      }
      this.tag(this.pending.slice(open6 + 1, close));
      from = close + 1;
    }
    this.pending = this.pending.slice(from);
    if (this.pending.length > MAX_PENDING) {
      this.malformed++;
      this.pending = "";
    }
    return true;
  }
  text(text3) {
    if (!this.collectingText || !this.current || text3 === "") return;
    const kept = this.current.text ?? "";
    if (kept.length < MAX_TEXT) this.current.text = kept + decodeXmlText(text3).slice(0, MAX_TEXT - kept.length);
  }
  tag(body) {
    if (body.startsWith("?") || body.startsWith("!")) return;
    const closing = body.startsWith("/");
    const name = /^\/?([A-Za-z_][\w:.-]*)/.exec(body)?.[1];
    const selfClosing = body.endsWith("/");
    if (closing) {
      if (name === "testcase") this.finishCase();
      if (name === "failure" || name === "error") this.collectingText = false;
      return;
    }
    const attrs = attributes(body);
    if (name === "testsuite") {
      this.suites.push({
        ...attrs.name !== void 0 ? { name: attrs.name } : {},
        tests: number(attrs.tests) ?? 0,
        failures: number(attrs.failures) ?? 0,
        errors: number(attrs.errors) ?? 0,
        skipped: number(attrs.skipped ?? attrs.skips) ?? 0,
        ...number(attrs.time) !== void 0 ? { seconds: number(attrs.time) } : {}
      });
    } else if (name === "testcase") {
      if (this.current) {
        this.malformed++;
        this.finishCase();
      }
      const line = number(attrs.line);
      const seconds = number(attrs.time);
      this.current = {
        classname: attrs.classname ?? "",
        name: attrs.name ?? "",
        outcome: "passed",
        ...attrs.file !== void 0 ? { file: attrs.file } : {},
        // pytest's `line` attribute counts from 0.
        ...line !== void 0 ? { line: line + 1 } : {},
        ...seconds !== void 0 ? { seconds } : {}
      };
      if (selfClosing) this.finishCase();
    } else if ((name === "failure" || name === "error" || name === "skipped") && this.current) {
      if (this.current.outcome === "passed" || this.current.outcome === "skipped" && name !== "skipped") {
        this.current.outcome = name === "failure" ? "failed" : name === "error" ? "error" : "skipped";
        if (attrs.message !== void 0) this.current.message = attrs.message;
      }
      this.collectingText = !selfClosing && name !== "skipped";
    }
  }
  finishCase() {
    if (!this.current) return;
    if (this.cases.length < MAX_JUNIT_CASES) this.cases.push(this.current);
    else this.droppedCases++;
    this.current = void 0;
    this.collectingText = false;
  }
  end() {
    this.finishCase();
    return { suites: this.suites, cases: this.cases, droppedCases: this.droppedCases, malformed: this.malformed };
  }
};
function junitCaseId(testCase) {
  if (testCase.file) {
    const module = testCase.file.replace(/\.py$/, "").split("/").join(".");
    const rest = testCase.classname.startsWith(`${module}.`) ? testCase.classname.slice(module.length + 1).split(".") : [];
    return [testCase.file, ...rest, testCase.name].join("::");
  }
  return testCase.classname ? `${testCase.classname}.${testCase.name}` : testCase.name;
}

// src/report/finding-kinds.ts
var FINDING_KINDS = {
  // A run that checked nothing must never read as clean: it leads, and fails even under `fail-on: leaks`.
  "nothing-tested": { label: "nothing tested", failsUnder: "leaks", family: "untested" },
  // A free-threaded cell whose extension brought the GIL back tests the GIL build, not free-threading: as loud as nothing tested.
  "gil-enabled": { label: "GIL re-enabled", failsUnder: "leaks", family: "failure" },
  // A module built for another ABI than the interpreter's (it fails at import): nothing of it was tested.
  "abi-mismatch": { label: "built for another ABI", failsUnder: "findings", family: "failure" },
  crash: { label: "crash", failsUnder: "findings", family: "failure" },
  "fatal-error": { label: "fatal error", failsUnder: "findings", family: "failure" },
  "buffer-overrun": { label: "buffer overrun", failsUnder: "findings", family: "memory-error" },
  "buffer-underrun": { label: "buffer underrun", failsUnder: "findings", family: "memory-error" },
  "use-after-free": { label: "use after free", failsUnder: "findings", family: "memory-error" },
  "allocator-mismatch": { label: "allocator mismatch", failsUnder: "findings", family: "memory-error" },
  // What memcheck says about the user's code (report/memcheck.ts), by valgrind's error kind.
  "invalid-write": { label: "invalid write", failsUnder: "findings", family: "memory-error" },
  "invalid-read": { label: "invalid read", failsUnder: "findings", family: "memory-error" },
  "invalid-free": { label: "invalid free", failsUnder: "findings", family: "memory-error" },
  "uninitialised-value": { label: "uninitialised value", failsUnder: "findings", family: "memory-error" },
  "memory-error": { label: "memory error", failsUnder: "findings", family: "memory-error" },
  "undefined-behavior": { label: "undefined behaviour", failsUnder: "findings", family: "memory-error" },
  timeout: { label: "timeout", failsUnder: "findings", family: "failure" },
  "reference-leak": { label: "reference leak", failsUnder: "leaks", family: "leak" },
  "block-leak": { label: "memory block leak", failsUnder: "leaks", family: "leak" },
  "fd-leak": { label: "file descriptor leak", failsUnder: "leaks", family: "leak" },
  "memory-leak": { label: "memory leak", failsUnder: "leaks", family: "leak" },
  // Live objects of a type that grew in every counted run (trace-refs census): the leak named by its type.
  "object-leak": { label: "object leak", failsUnder: "leaks", family: "leak" },
  "reference-growth": { label: "reference growth", failsUnder: "leaks", family: "leak" },
  // An asan/ubsan/tsan cell whose extension was compiled without the sanitizer: its checks never saw the user's code.
  "not-instrumented": { label: "not instrumented", failsUnder: "findings", family: "failure" },
  "test-failure": { label: "test failure", failsUnder: "findings", family: "failure" },
  // A test file that ran no test case, or that regrtest never ran (omitted, interrupted, its worker failed).
  "not-run": { label: "not run", failsUnder: "findings", family: "failure" }
};
var FINDING_KIND_NAMES = Object.keys(FINDING_KINDS);
function findingRank(kind) {
  return FINDING_KIND_NAMES.indexOf(kind);
}
function failsOnLeaks(kind) {
  return FINDING_KINDS[kind].failsUnder === "leaks";
}

// src/report/findings.ts
var LEAK_FINDING = {
  references: "reference-leak",
  "memory blocks": "block-leak",
  "file descriptors": "fd-leak"
};
var CRASH_CAUSES = /* @__PURE__ */ new Set([
  "buffer-overrun",
  "buffer-underrun",
  "use-after-free",
  "allocator-mismatch",
  "memory-error",
  "undefined-behavior",
  "fatal-error"
]);
var CRASH_FAMILY = /* @__PURE__ */ new Set([...CRASH_CAUSES, "crash", "timeout"]);
var RAN = /* @__PURE__ */ new Set(["passed", "leaked", "failed", "env-changed", "crashed", "timed-out"]);
function ranATestCase(test) {
  return RAN.has(test.outcome) && !(test.outcome === "failed" && test.result?.startsWith("failed (uncaught exception)"));
}
var NOT_RUN_REASON = {
  "no-tests": "ran no test case",
  omitted: "was never run (regrtest omitted it)",
  interrupted: "was interrupted",
  unknown: "has no verdict in the log"
};
function collectFindings({ refleaks, problems, passOfLog, showrefcount, sectionFindings = [] }) {
  const findings = [...sectionFindings];
  if (refleaks) {
    findings.push(...refleakFindings(refleaks, problems, "refleak"));
    const nothing = nothingTested(refleaks);
    if (nothing) findings.push(nothing);
  }
  for (const file of showrefcount?.files ?? []) {
    const hunted = refleaks?.tests.find((test) => test.name === file.name);
    if (hunted && hunted.outcome === file.outcome) continue;
    if (file.outcome === "crashed" || file.outcome === "timed-out" || file.outcome === "failed") {
      if (findings.some((finding) => finding.test === file.name && sameFamily(finding.kind, file.outcome === "failed" ? "test-failure" : "crash"))) continue;
      const kind = file.outcome === "crashed" ? "crash" : file.outcome === "timed-out" ? "timeout" : "test-failure";
      findings.push({
        kind,
        test: file.name,
        message: `${file.name} ${file.outcome === "crashed" ? `crashed (${file.signal ? `killed by ${file.signal}` : `exit code ${file.exitCode}`})` : file.outcome === "timed-out" ? "timed out" : "failed"} in the -X showrefcount pass${file.exception ? `: ${file.exception}` : ""}`,
        log: file.log,
        pass: "showrefcount",
        ...file.traceback ? { traceback: file.traceback } : {}
      });
    }
  }
  for (const problem of problems) mergeProblem(findings, problem, passOfLog(problem.log));
  return findings.sort((a, b) => findingRank(a.kind) - findingRank(b.kind));
}
function refleakFindings(refleaks, problems, pass) {
  const findings = [];
  const workerFailure = refleaks.workerFailure ? describeWorkerFailure(refleaks.workerFailure) : void 0;
  for (const test of refleaks.tests) findings.push(...verdictFindings(test, test.log ?? refleaks.log ?? "", problems, workerFailure, pass));
  if (workerFailure && !refleaks.tests.some((test) => test.outcome === "omitted")) {
    findings.push({ kind: "not-run", message: workerFailure, detail: workerFailure, log: refleaks.log ?? "", ...passOf(pass) });
  }
  return findings;
}
function passOf(pass) {
  return pass ? { pass } : {};
}
function describeWorkerFailure(failure) {
  const cause = failure.exception ?? failure.message;
  const hint = cause.startsWith("UnicodeDecodeError") ? " (a test wrote output that is not valid UTF-8, which regrtest cannot read back)" : "";
  return `regrtest's worker failed: ${cause}${hint}`;
}
function verdictFindings(test, refleakLog, problems, workerFailure, pass) {
  const findings = [];
  const leakingCases = test.cases?.filter((testCase) => testCase.leaks.length) ?? [];
  if (leakingCases.length) {
    for (const testCase of leakingCases)
      for (const leak of testCase.leaks) findings.push(leakFinding(test.name, testCase.id, leak, testCase.log, "refleak-case"));
  } else {
    for (const leak of test.leaks) findings.push(leakFinding(test.name, void 0, leak, refleakLog, pass));
  }
  for (const testCase of test.cases ?? []) {
    if (testCase.outcome !== "crashed" && testCase.outcome !== "timed-out") continue;
    if (test.outcome === "crashed" || test.outcome === "timed-out") continue;
    findings.push({
      kind: testCase.outcome === "crashed" ? "crash" : "timeout",
      test: test.name,
      case: testCase.id,
      message: `${testCase.id} ${testCase.outcome === "crashed" ? "crashed" : "timed out"} when re-run alone under -R`,
      log: testCase.log,
      pass: "refleak-case"
    });
  }
  const exitDetail = /^[^(]*\((.+)\)$/.exec(test.result ?? "")?.[1];
  const inRefleakLog = (problem) => problem.test === test.name && problem.log === refleakLog;
  const timeout = test.outcome === "crashed" ? problems.find((problem) => problem.kind === "timeout" && inRefleakLog(problem)) : void 0;
  const cause = problems.find((problem) => CRASH_CAUSES.has(problem.kind) && problem.kind !== "fatal-error" && inRefleakLog(problem));
  const fatalProblem = problems.find((problem) => problem.kind === "fatal-error" && inRefleakLog(problem));
  const place = cause ?? (fatalProblem?.file !== void 0 ? fatalProblem : void 0);
  const located = place ? locationOf(place) : {};
  if (timeout) {
    findings.push({
      kind: "timeout",
      test: test.name,
      message: timeout.message,
      detail: timeout.message.replace(`${test.name} `, ""),
      log: refleakLog,
      ...passOf(pass),
      ...located
    });
  } else if (test.outcome === "crashed") {
    const fatal = fatalProblem?.message ?? (test.fatalError ? `Fatal Python error: ${test.fatalError}` : void 0);
    findings.push({
      kind: "crash",
      test: test.name,
      message: `${test.name} crashed${exitDetail ? ` (${exitDetail})` : ""}${cause ? `: ${cause.message}` : fatal ? `: ${fatal}` : ""}`,
      detail: [exitDetail, cause?.message, fatal].filter(Boolean).join(" \xB7 "),
      log: refleakLog,
      ...passOf(pass),
      ...located,
      ...test.exception ? { traceback: test.traceback ?? [test.exception] } : {}
    });
  } else if (test.outcome === "timed-out") {
    findings.push({ kind: "timeout", test: test.name, message: `${test.name} ${test.result ?? "timed out"}`, log: refleakLog, ...passOf(pass) });
  } else if (test.outcome === "failed" || test.outcome === "env-changed") {
    const why = test.exception ?? (test.outcome === "env-changed" ? test.reason : void 0);
    findings.push({
      kind: "test-failure",
      test: test.name,
      message: `${test.name} ${test.result ?? "failed"}${why ? `: ${why}` : ""}`,
      ...why ? { detail: why } : {},
      log: refleakLog,
      ...passOf(pass),
      ...test.traceback ? { traceback: test.traceback } : {}
    });
  } else if (NOT_RUN_REASON[test.outcome]) {
    const why = test.outcome === "omitted" && workerFailure ? `: ${workerFailure}` : test.result && test.outcome !== "no-tests" ? ` (${test.result})` : "";
    findings.push({
      kind: "not-run",
      test: test.name,
      message: `${test.name} ${NOT_RUN_REASON[test.outcome]}${why}`,
      ...why ? { detail: `${NOT_RUN_REASON[test.outcome]}${why}` } : {},
      log: refleakLog,
      ...passOf(pass)
    });
  }
  return findings;
}
function nothingTested(refleaks) {
  if (refleaks.tests.some(ranATestCase)) return void 0;
  const discovery = refleaks.discovery;
  const reasons = [];
  const pytest = refleaks.runner?.name === "pytest";
  if (discovery && discovery.modules.length === 0 && !pytest) {
    reasons.push(`${discovery.testsDir} has no test module (test_*.py or test_* package) at its top level, and regrtest does not search sub-folders`);
    if (discovery.nested.length)
      reasons.push(
        `test files are in ${discovery.nested.map((nested) => `${nested.dir}/ (${nested.modules})`).join(", ")}: pass that folder as the tests folder (--tests / input 'tests')`
      );
  } else {
    const byReason = /* @__PURE__ */ new Map();
    for (const test of refleaks.tests) {
      const reason = test.outcome === "failed" ? `failed before any test case ran${test.exception ? ` (${test.exception})` : ""}` : NOT_RUN_REASON[test.outcome] ?? test.outcome;
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    for (const [reason, count2] of byReason) reasons.push(`${count2} test file${count2 === 1 ? "" : "s"} ${reason}`);
    if (refleaks.tests.length === 0)
      reasons.push(
        pytest ? `pytest collected no test from ${discovery?.testsDir ?? "the tests folder"}` : `regrtest reported no test file${refleaks.state ? ` (${refleaks.state})` : ""}`
      );
    const pytestStyle = pytest ? [] : discovery?.pytestStyle ?? [];
    if (pytestStyle.length) {
      const of = pytestStyle.length === discovery.modules.length ? `all ${pytestStyle.length} test files look` : `${pytestStyle.length} of the ${discovery.modules.length} test files look`;
      reasons.push(`${of} written for pytest (module-level test functions or \`import pytest\`), and regrtest only collects unittest.TestCase classes`);
    }
  }
  return {
    kind: "nothing-tested",
    message: `nothing was tested: ${reasons.join("; ")}`,
    detail: reasons.join("; "),
    log: refleaks.log ?? "",
    pass: "discovery"
  };
}
function mergeProblem(findings, problem, pass) {
  if (problem.severity === "note") return;
  const kind = problem.kind;
  const owner = problem.test;
  const same = findings.findIndex(
    (finding) => finding.test === owner && (owner !== void 0 || finding.message === problem.message) && sameFamily(finding.kind, kind)
  );
  if (same >= 0) {
    const finding = findings[same];
    if (finding.file === void 0 && problem.file !== void 0)
      findings[same] = { ...finding, ...locationOf(problem), ...finding.detail ? {} : { detail: problem.message } };
    return;
  }
  findings.push({
    kind,
    ...owner !== void 0 ? { test: owner } : {},
    message: pass === "showrefcount" && owner !== void 0 ? `${problem.message} (in the -X showrefcount pass)` : problem.message,
    ...problem.deltas ? { deltas: problem.deltas } : {},
    log: problem.log,
    ...pass ? { pass } : {},
    ...locationOf(problem)
  });
}
function sameFamily(a, b) {
  if (CRASH_FAMILY.has(a) && CRASH_FAMILY.has(b)) return true;
  return a === b;
}
function locationOf(problem) {
  return {
    ...problem.file !== void 0 ? { file: problem.file } : {},
    ...problem.file !== void 0 && problem.line !== void 0 ? { line: problem.line } : {},
    ...problem.function !== void 0 ? { function: problem.function } : {}
  };
}
function leakFinding(test, testCase, leak, log, pass) {
  const constant = leak.deltas.length > 0 && leak.deltas.every((delta) => delta === leak.deltas[0]);
  const amount = constant ? `${leak.deltas[0]} ${leak.kind} per run` : `${leak.kind}`;
  return {
    kind: LEAK_FINDING[leak.kind],
    test,
    ...testCase ? { case: testCase } : {},
    message: `${testCase ?? test} leaked ${amount} (deltas [${leak.deltas.join(", ")}], sum=${leak.sum})`,
    deltas: leak.deltas,
    sum: leak.sum,
    log,
    ...passOf(pass)
  };
}

// src/report/test-command.ts
var LOCATION = /^(\S+\.py):(\d+): \w[\w.]*$/m;
function testCommandSection(run, problems, relative) {
  const { pytest, unittest, junit } = run.parsed;
  const inWorkspace = (file) => workspaceRelative(path13.resolve(run.cwd, file), run.workspace);
  const counts = { ...pytest?.counts ?? {} };
  let testsRan;
  let summary;
  if (pytest?.counts) {
    testsRan = ["passed", "failed", "xfailed", "xpassed"].reduce((total, name) => total + (pytest.counts[name] ?? 0), 0);
    summary = pytest.summaryLine;
  } else if (unittest?.ran !== void 0) {
    Object.assign(counts, { ran: unittest.ran, ...unittest.counts });
    testsRan = unittest.ran - (unittest.counts.skipped ?? 0);
    summary = `Ran ${unittest.ran} test${unittest.ran === 1 ? "" : "s"}${unittest.verdict ? `: ${unittest.verdict}` : ""}${Object.keys(unittest.counts).length ? ` (${Object.entries(unittest.counts).map(([name, count2]) => `${name}=${count2}`).join(", ")})` : ""}`;
  }
  if (junit && testsRan === void 0) testsRan = junit.cases.filter((testCase) => testCase.outcome !== "skipped").length;
  let tests;
  if (junit?.cases.length) {
    tests = junit.cases.map((testCase) => {
      const location = testCase.file && testCase.line ? { file: testCase.file, line: testCase.line } : locationIn(testCase.text);
      return {
        id: junitCaseId(testCase),
        outcome: testCase.outcome,
        ...testCase.message ? { message: testCase.message } : {},
        ...location && testCase.outcome !== "passed" ? { file: inWorkspace(location.file), line: location.line } : {}
      };
    });
  } else if (pytest?.failures.length) {
    tests = pytest.failures.map((failure) => {
      const name = failure.nodeId.split("::").pop();
      const detail = pytest.details.find((candidate) => candidate.title === name || candidate.title.endsWith(` ${name}`));
      return {
        id: failure.nodeId,
        outcome: failure.kind,
        ...failure.message ? { message: failure.message } : {},
        ...detail?.file && detail.line ? { file: inWorkspace(detail.file), line: detail.line } : {}
      };
    });
  } else {
    tests = (unittest?.failures ?? []).map((failure) => ({
      id: failure.id,
      outcome: failure.kind,
      ...failure.exception ? { message: failure.exception } : {},
      ...failure.file && failure.line ? { file: inWorkspace(failure.file), line: failure.line } : {}
    }));
  }
  const running = runningTest(
    run,
    problems.filter((problem) => problem.log === relative(run.log))
  );
  return {
    command: run.text,
    argv: run.command,
    added: run.added,
    runner: run.runner,
    exitCode: run.exitCode,
    ...run.signal ? { signal: run.signal } : {},
    ...run.timedOut ? { timedOut: true } : {},
    log: relative(run.log),
    ...junit && run.junitPath ? { junit: relative(run.junitPath) } : {},
    read: [...pytest ? ["pytest"] : [], ...unittest ? ["unittest"] : [], ...junit ? ["junit-xml"] : []],
    ...summary ? { summary } : {},
    counts,
    ...testsRan !== void 0 ? { testsRan } : {},
    tests,
    ...running ? { running } : {}
  };
}
function runningTest(run, problems) {
  const { pytest, unittest } = run.parsed;
  const crashed = run.signal !== null || run.exitCode !== null && run.exitCode < 0 || problems.some((problem) => CRASH_CAUSES.has(problem.kind));
  if (!crashed) return void 0;
  if (unittest?.running) return unittest.running;
  const frame = problems.find((problem) => problem.function?.startsWith("test") && problem.file !== void 0);
  const file = pytest?.lastFile;
  if (file && frame && frame.file.endsWith(file.replace(/^\.\//, ""))) return `${file}::${frame.function}`;
  return file ?? (frame ? `${frame.file}::${frame.function}` : void 0);
}
function locationIn(text3) {
  const lines = (text3 ?? "").split("\n").reverse();
  for (const line of lines) {
    const match = LOCATION.exec(line);
    if (match) return { file: match[1], line: Number(match[2]) };
  }
  return void 0;
}
function testCommandFindings(section2, problems) {
  const findings = [];
  const base = { log: section2.log, pass: "test-command" };
  for (const test of section2.tests) {
    if (test.outcome !== "failed" && test.outcome !== "error") continue;
    const message = test.message?.split("\n")[0];
    findings.push({
      kind: "test-failure",
      test: test.id,
      message: `${test.id} ${test.outcome === "failed" ? "failed" : "errored"}${message ? `: ${message}` : ""}`,
      ...message ? { detail: message } : {},
      ...base,
      ...test.file ? { file: test.file, ...test.line ? { line: test.line } : {} } : {}
    });
  }
  const exit = section2.signal ? `killed by ${section2.signal}` : `exit code ${section2.exitCode}`;
  const inLog = problems.filter((problem) => problem.log === section2.log);
  const cause = inLog.find((problem) => CRASH_CAUSES.has(problem.kind) && problem.kind !== "fatal-error") ?? inLog.find((problem) => problem.kind === "fatal-error");
  const crashed = section2.signal !== void 0 || section2.exitCode !== null && section2.exitCode < 0 || cause !== void 0;
  if (section2.timedOut) {
    const where = inLog.find((problem) => problem.file !== void 0);
    findings.push({
      kind: "timeout",
      ...section2.running ? { test: section2.running } : {},
      message: `the test command timed out${section2.running ? ` in ${section2.running}` : ""} (stopped by pydebug: test-command-timeout)${where?.file ? ` at ${where.file}:${where.line ?? "?"}` : ""}`,
      ...base,
      ...where?.file ? { file: where.file, ...where.line ? { line: where.line } : {} } : {},
      ...where?.function ? { function: where.function } : {}
    });
  } else if (crashed) {
    const who = section2.running ?? "the test command";
    findings.push({
      kind: "crash",
      ...section2.running ? { test: section2.running } : {},
      message: `${who} crashed (${exit})${cause ? `: ${cause.message}` : ""}`,
      detail: [exit, cause?.message].filter(Boolean).join(" \xB7 "),
      ...base,
      ...cause?.file ? { file: cause.file, ...cause.line ? { line: cause.line } : {} } : {},
      ...cause?.function ? { function: cause.function } : {}
    });
  } else if (section2.testsRan === 0 || section2.testsRan === void 0 && section2.exitCode === 0) {
    const why = section2.testsRan === 0 ? `the test command ran no test${section2.summary ? ` (${section2.summary})` : ""}` : `the test command exited 0 but printed no pytest or unittest result, so pydebug cannot tell whether any test ran`;
    findings.push({ kind: "nothing-tested", message: `nothing was tested: ${why}`, detail: why, log: section2.log, pass: "discovery" });
  } else if (section2.exitCode !== 0 && findings.length === 0) {
    const why = section2.summary ? `although its output reports no failing test (${section2.summary})` : "and printed no test result pydebug could read (pytest or unittest)";
    findings.push({ kind: "test-failure", message: `the test command failed (${exit}) ${why}`, detail: `${exit} ${why}`, ...base });
  }
  return findings;
}

// src/parse/diagnostics.ts
var MAX_DIAGNOSTIC_SAMPLES = 20;
function emptyDiagnostics() {
  return { count: 0, samples: [] };
}
function addDiagnostic(diagnostics, line, message) {
  diagnostics.count++;
  if (diagnostics.samples.length < MAX_DIAGNOSTIC_SAMPLES)
    diagnostics.samples.push({ line, message: message.length > 300 ? `${message.slice(0, 300)}\u2026` : message });
}
function parseGroupedInt(text3) {
  return parseGroupedIntIn(text3, 0, text3.length);
}
var SPACE_RUNS = [];
for (let length = 0; length <= 64; length++) SPACE_RUNS.push(" ".repeat(length));
function isSpaces(text3, from, to) {
  const length = to - from;
  if (length <= 0) return true;
  if (length < SPACE_RUNS.length) return text3.startsWith(SPACE_RUNS[length], from);
  for (let index = from; index < to; index++) if (text3.charCodeAt(index) !== 32) return false;
  return true;
}
function parseGroupedIntIn(text3, from, to) {
  let start = from;
  let end = to;
  while (start < end && text3.charCodeAt(start) === 32) start++;
  while (end > start && text3.charCodeAt(end - 1) === 32) end--;
  const negative = text3.charCodeAt(start) === 45;
  if (negative) start++;
  let value = 0;
  let digits = 0;
  for (let index = start; index < end; index++) {
    const code3 = text3.charCodeAt(index);
    if (code3 === 44) continue;
    if (code3 < 48 || code3 > 57) return void 0;
    value = value * 10 + (code3 - 48);
    digits++;
  }
  if (digits === 0 || !Number.isSafeInteger(value)) return void 0;
  return negative ? -value : value;
}
var BoundedList = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  items = [];
  dropped = 0;
  push(item) {
    if (this.items.length < this.limit) {
      this.items.push(item);
      return true;
    }
    this.dropped++;
    return false;
  }
  get last() {
    return this.items[this.items.length - 1];
  }
};

// src/parse/line-block.ts
function lineStart(block, index) {
  return index === 0 ? 0 : block.ends[index - 1] + 1;
}
function lineAt(block, index) {
  return block.text.slice(lineStart(block, index), block.ends[index]);
}
function linesOf(block) {
  const lines = [];
  for (let index = 0; index < block.count; index++) lines.push(lineAt(block, index));
  return lines;
}
function splitBlock(text3) {
  const ends = [];
  for (let newline = text3.indexOf("\n"); newline >= 0; newline = text3.indexOf("\n", newline + 1)) ends.push(newline);
  ends.push(text3.length);
  return { text: text3, ends, count: ends.length };
}
function blockOfLines(lines) {
  const ends = [];
  let end = -1;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.indexOf("\n") >= 0) return void 0;
    end += line.length + 1;
    ends.push(end);
  }
  return { text: lines.join("\n"), ends, count: lines.length };
}
function matchLines(pattern, block, from) {
  pattern.lastIndex = lineStart(block, from);
  if (!pattern.test(block.text)) return from;
  const end = pattern.lastIndex;
  let index = from;
  while (index < block.count && lineStart(block, index) < end) index++;
  return index;
}
function firstFilledLine(block, from, to) {
  for (let index = from; index < to; index++) if (lineStart(block, index) < block.ends[index]) return index;
  return -1;
}

// src/parse/line-parser.ts
var MARKER_CHARACTERS = ":[";
function mayHoldMarker(line) {
  return line.indexOf(":") >= 0 || line.indexOf("[") >= 0;
}
var MARKER_CHARACTER_CLASS = MARKER_CHARACTERS.replace(/[\\\]^[-]/g, "\\$&");
function guardedRun(parser, block, from, others) {
  let index = from;
  while (index < block.count) {
    const runPattern = parser.ownedLines?.();
    if (runPattern !== void 0) {
      const end = matchLines(runPattern, block, index);
      if (end > index && !others.concernSpan(block, index, end)) index = end;
      if (index === block.count) break;
    }
    const line = lineAt(block, index);
    if (others.concerns(line) || !parser.ownedLine(line)) break;
    index++;
  }
  return index - from;
}
function firstCharacters(...starts) {
  return starts.map((start) => start.charAt(0)).join("");
}
function escapeRegExp(text3) {
  return text3.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
function regExp(strings, ...literals) {
  const alternatives = literals.map((literal) => typeof literal === "string" ? escapeRegExp(literal) : `(?:${literal.map(escapeRegExp).join("|")})`);
  return new RegExp(String.raw({ raw: strings.raw }, ...alternatives));
}
var MAX_UNPARSED_SAMPLES = 20;
var MAX_SAMPLE_LENGTH = 300;
function emptyUnparsed() {
  return { count: 0, samples: [] };
}
function recordUnparsed(unparsed, lineNumber, text3) {
  unparsed.count++;
  if (unparsed.samples.length < MAX_UNPARSED_SAMPLES) {
    unparsed.samples.push({ line: lineNumber, text: text3.length > MAX_SAMPLE_LENGTH ? `${text3.slice(0, MAX_SAMPLE_LENGTH)}\u2026` : text3 });
  }
}
function forgetUnparsed(unparsed, lineNumber) {
  unparsed.count--;
  if (unparsed.samples.at(-1)?.line === lineNumber) unparsed.samples.pop();
}
function asciiTable(characters) {
  const table2 = new Uint8Array(128);
  for (const character of characters) table2[character.charCodeAt(0)] = 1;
  return table2;
}
function parseJsonRecord(text3) {
  try {
    const value = JSON.parse(text3);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
  } catch {
    return void 0;
  }
}
function own(text3) {
  return text3.length === 0 ? text3 : ` ${text3}`.slice(1);
}
var ANSI_SGR = /\x1b\[[0-9;]*m/g;
function stripAnsi(line) {
  return line.includes("\x1B") ? line.replace(ANSI_SGR, "") : line;
}

// src/parse/census.ts
var CENSUS_PREFIX = "pydebug-census: ";
var CENSUS_END_PREFIX = "pydebug-census-end: ";
var CENSUS_PREFIXES_START = "pydebug-census";
var MAX_FILES = 1e3;
var MAX_RUNS = 100;
var MAX_TYPES_PER_RUN = 200;
var CENSUS_ROUTING = { startCharacters: firstCharacters(CENSUS_PREFIX, CENSUS_END_PREFIX) };
var isCount = (value) => typeof value === "number" && Number.isSafeInteger(value);
var CensusParser = class {
  files = new BoundedList(MAX_FILES);
  diagnostics = emptyDiagnostics();
  current;
  next(line, lineNumber) {
    if (!line.startsWith(CENSUS_PREFIXES_START)) return false;
    const end = line.startsWith(CENSUS_END_PREFIX);
    if (!end && !line.startsWith(CENSUS_PREFIX)) return false;
    const record = parseJsonRecord(line.slice(end ? CENSUS_END_PREFIX.length : CENSUS_PREFIX.length));
    const test = record?.test;
    if (record === void 0 || typeof test !== "string" || test === "") {
      addDiagnostic(this.diagnostics, lineNumber, `census line without a record pydebug can read: ${line.slice(0, 120)}`);
      return true;
    }
    const file = this.fileFor(test, lineNumber);
    if (end) {
      const { runs, testsRun, failures, errors, skipped } = record;
      if (isCount(runs) && isCount(testsRun) && isCount(failures) && isCount(errors) && isCount(skipped)) {
        if (file) file.end = { runs, testsRun, failures, errors, skipped };
      } else addDiagnostic(this.diagnostics, lineNumber, `census end line with missing counts: ${line.slice(0, 120)}`);
      this.current = void 0;
      return true;
    }
    const { run, warmup, objects, delta, moreTypes } = record;
    if (!isCount(run) || typeof warmup !== "boolean" || !isCount(objects) || typeof delta !== "object" || delta === null || Array.isArray(delta)) {
      addDiagnostic(this.diagnostics, lineNumber, `census run line with missing fields: ${line.slice(0, 120)}`);
      return true;
    }
    const changes2 = {};
    let kept = 0;
    let skippedTypes = 0;
    for (const [name, value] of Object.entries(delta)) {
      if (!isCount(value)) {
        addDiagnostic(this.diagnostics, lineNumber, `census delta for ${name.slice(0, 60)} is not a count`);
        continue;
      }
      if (kept++ >= MAX_TYPES_PER_RUN) skippedTypes++;
      else changes2[own(name)] = value;
    }
    if (!file) return true;
    if (file.runs.length >= MAX_RUNS) {
      file.droppedRuns++;
      return true;
    }
    file.runs.push({ line: lineNumber, run, warmup, objects, delta: changes2, moreTypes: (isCount(moreTypes) ? moreTypes : 0) + skippedTypes });
    return true;
  }
  end() {
    return { files: this.files.items, droppedFiles: this.files.dropped, diagnostics: this.diagnostics };
  }
  /** The file the line belongs to: the open one when it names the same test, else a new one (undefined past the cap). */
  fileFor(test, lineNumber) {
    if (this.current?.test === test) return this.current;
    const file = { test: own(test), line: lineNumber, runs: [], droppedRuns: 0 };
    this.current = this.files.push(file) ? file : void 0;
    return this.current;
  }
};
function leakedTypes(file) {
  const counted = file.runs.filter((run) => !run.warmup);
  if (counted.length === 0) return [];
  const names = Object.keys(counted[0].delta);
  return names.map((name) => ({ name, deltas: counted.map((run) => run.delta[name] ?? 0) })).filter(({ deltas }) => deltas.every((delta) => delta > 0)).sort((a, b) => sum(b.deltas) - sum(a.deltas) || a.name.localeCompare(b.name));
}
function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}
function describeLeakedType({ name, deltas }) {
  const constant = deltas.every((delta) => delta === deltas[0]);
  return constant ? `+${deltas[0]} \`${name}\` per run` : `+[${deltas.join(", ")}] \`${name}\``;
}

// src/report/variant-checks.ts
var TOP_TYPES = 10;
function outcomeOf(run, complete) {
  if (run.timedOut) return "timed-out";
  if (run.signal || run.exitCode !== null && run.exitCode < 0) return "crashed";
  if (run.exitCode !== 0 && !complete) return "crashed";
  if (!complete) return "incomplete";
  return run.exitCode === 0 ? "ok" : "failed";
}
function allocatorTotals(dump) {
  if (dump.allocator === "mimalloc") {
    const values = dump.mimalloc ?? {};
    return { ...optional("allocatedBlocks", values["Allocated Blocks"]), ...optional("allocatedBytes", values["Allocated Bytes"]) };
  }
  return {
    ...optional("arenas", dump.values["arenas allocated current"] ?? dump.arenaCount),
    ...optional("bytesInAllocatedBlocks", dump.values["bytes in allocated blocks"])
  };
}
function optional(key, value) {
  return value === void 0 ? {} : { [key]: value };
}
function compareDumps(before, after) {
  const first = allocatorTotals(before);
  const last = allocatorTotals(after);
  const growth = {};
  for (const [key, value] of Object.entries(last)) {
    const was = first[key];
    if (was !== void 0 && value !== void 0) growth[key] = value - was;
  }
  const sizes = /* @__PURE__ */ new Map();
  for (const row of before.sizeClasses) sizes.set(row.size, { before: row.blocksInUse, after: 0 });
  for (const row of after.sizeClasses) sizes.set(row.size, { before: sizes.get(row.size)?.before ?? 0, after: row.blocksInUse });
  const sizeClasses = [...sizes].sort(([a], [b]) => a - b).map(([size, counts]) => ({ size, ...counts, growth: counts.after - counts.before }));
  return { allocator: after.allocator, before: first, after: last, growth, sizeClasses };
}
function countsGrowth(before, after, top = TOP_TYPES) {
  const earlier = /* @__PURE__ */ new Map();
  for (const type of before.types) if (!earlier.has(type.name)) earlier.set(type.name, type);
  const seen = /* @__PURE__ */ new Set();
  return after.types.filter((type) => !seen.has(type.name) && seen.add(type.name)).map((type) => {
    const was = earlier.get(type.name);
    const counts = (entry) => ({ allocs: entry?.allocs ?? 0, frees: entry?.frees ?? 0, maxInUse: entry?.maxInUse ?? 0 });
    return { name: type.name, before: counts(was), after: counts(type), growth: type.alive - (was?.alive ?? 0) };
  }).filter((type) => type.growth > 0).sort((a, b) => b.growth - a.growth || a.name.localeCompare(b.name)).slice(0, top);
}
function variantCheckSections(run, relative) {
  const allocations = run.allocations && {
    files: run.allocations.map((file) => {
      const dumps = file.details.results.mallocstats?.dumps ?? [];
      const compared = dumps.length >= 2 ? compareDumps(dumps[0], dumps[dumps.length - 1]) : void 0;
      return {
        name: file.testFile,
        outcome: outcomeOf(file, compared !== void 0),
        exitCode: file.exitCode,
        ...compared ?? { sizeClasses: [] },
        log: relative(file.log)
      };
    })
  };
  const census = run.census && {
    warmups: run.census.warmups,
    runs: run.census.runs,
    files: run.census.files.map((file) => {
      const parsed = file.details.results.census?.files.find((candidate) => candidate.test === file.testFile);
      return {
        name: file.testFile,
        outcome: outcomeOf(file, parsed?.end !== void 0),
        exitCode: file.exitCode,
        leakedTypes: parsed ? leakedTypes(parsed) : [],
        runs: (parsed?.runs ?? []).map(({ run: number3, warmup, objects, delta, moreTypes }) => ({ run: number3, warmup, objects, delta, moreTypes })),
        log: relative(file.log)
      };
    })
  };
  const countAllocs = run.countAllocs && {
    files: run.countAllocs.map((file) => {
      const lists = (file.details.results["count-allocs"]?.dumps ?? []).filter((dump) => dump.source === "getcounts");
      const complete = lists.length >= 2;
      return {
        name: file.testFile,
        outcome: outcomeOf(file, complete),
        exitCode: file.exitCode,
        topGrowth: complete ? countsGrowth(lists[0], lists[lists.length - 1]) : [],
        log: relative(file.log)
      };
    })
  };
  let gil;
  if (run.gil) {
    const reenabledBy = [];
    const files = run.gil.files.map((file) => {
      for (const warning of file.parsed?.warnings ?? []) {
        if (!reenabledBy.some((entry) => entry.module === warning.module))
          reenabledBy.push({ module: warning.module, test: file.testFile, warning: warning.text });
      }
      const probe = file.parsed?.probes.find((candidate) => candidate.test === file.testFile);
      return { name: file.testFile, ...probe ? { gilEnabled: probe.gilEnabled } : {}, exitCode: file.exitCode, log: relative(file.log) };
    });
    gil = { mode: run.gil.mode, reenabledBy, files };
  }
  return { ...allocations ? { allocations } : {}, ...census ? { census } : {}, ...countAllocs ? { countAllocs } : {}, ...gil ? { gil } : {} };
}
function variantCheckFindings(sections) {
  const findings = [];
  const gil = sections.gil;
  if (!gil) return findings;
  for (const entry of gil.reenabledBy) {
    const log = gil.files.find((file) => file.name === entry.test)?.log ?? "";
    findings.push({
      kind: "gil-enabled",
      test: entry.test,
      message: `the GIL was re-enabled to import module '${entry.module}' (imported by ${entry.test}), which does not declare Py_mod_gil: this free-threaded cell ran its tests with the GIL, so free-threading was not tested. Declare Py_MOD_GIL_NOT_USED in the module once it is thread-safe, or set gil: force-off (PYTHON_GIL=0) to test without the GIL anyway`,
      detail: `module '${entry.module}' re-enabled the GIL: ${entry.warning}`,
      log,
      pass: "gil"
    });
  }
  const silent = gil.files.find((file) => file.gilEnabled === true);
  if (gil.reenabledBy.length === 0 && silent) {
    findings.push({
      kind: "gil-enabled",
      test: silent.name,
      message: `the GIL was enabled after importing ${silent.name} (sys._is_gil_enabled()), with no warning naming the module: this free-threaded cell did not test free-threading`,
      log: silent.log,
      pass: "gil"
    });
  }
  return findings;
}

// src/plan/sanitizer-pass.ts
function parseSanitizerOptions(text3) {
  if (!text3) return [];
  return text3.split(/[:\s]+/).filter((pair) => pair.includes("=")).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]);
}
function sanitizerOptions(variantValue, ...overrides) {
  const merged = new Map(parseSanitizerOptions(variantValue));
  for (const override of overrides) for (const [name, value] of Object.entries(override)) merged.set(name, value);
  return [...merged].map(([name, value]) => `${name}=${value}`).join(":");
}
function sanitizerPassEnv(spec, runtimeEnv, logPathBase, suppressionsFile) {
  const unsafe = [logPathBase, suppressionsFile].find((value) => value !== void 0 && /[:\s]/.test(value));
  if (unsafe !== void 0) return { error: `${unsafe} holds ':' or whitespace, which ${spec.optionsVariable} cannot carry` };
  const env = {
    [spec.optionsVariable]: sanitizerOptions(runtimeEnv[spec.optionsVariable], spec.passOptions, { log_path: logPathBase })
  };
  if (suppressionsFile) env.LSAN_OPTIONS = sanitizerOptions(runtimeEnv.LSAN_OPTIONS, { suppressions: suppressionsFile, print_suppressions: "1" });
  return { env };
}
function withSanitizerSuppressions(cell, spec, file) {
  return {
    ...cell,
    runtimeEnv: { ...cell.runtimeEnv, [spec.optionsVariable]: sanitizerOptions(cell.runtimeEnv[spec.optionsVariable], { suppressions: file }) }
  };
}
function reportFilesOf(fileNames, baseName2) {
  return fileNames.filter((name) => name.startsWith(`${baseName2}.`) && /^\d+$/.test(name.slice(baseName2.length + 1))).sort((a, b) => Number(a.slice(baseName2.length + 1)) - Number(b.slice(baseName2.length + 1)));
}
var COMPILER_WORD = /^(?:\S*\/)?(?:ccache\s+)?(?:[\w.-]+-)?(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(?:-\d+(?:\.\d+)*)?$/;
var SOURCE_FILE = /\s-c\s+(?:\S+\s+)*?\S+\.(?:c|cc|cpp|cxx|C|m|mm)(?:\s|$)|\s\S+\.(?:c|cc|cpp|cxx|C|m|mm)\s+(?:\S+\s+)*?-c(?:\s|$)/;
function checkCompileLines(logText, flag) {
  let compileLines = 0;
  let compileLinesWithFlag = 0;
  let linkLines = 0;
  let linkLinesWithFlag = 0;
  const withoutFlag = [];
  for (const raw of logText.split(/\r?\n/)) {
    const line = raw.trim();
    const first = line.split(/\s+/, 1)[0];
    if (!first || !COMPILER_WORD.test(first === "ccache" ? line.split(/\s+/, 2).join(" ") : first)) continue;
    const words = line.split(/\s+/);
    const hasFlag = words.includes(flag);
    if (SOURCE_FILE.test(line)) {
      compileLines++;
      if (hasFlag) compileLinesWithFlag++;
    } else if (words.includes("-shared")) {
      linkLines++;
      if (hasFlag) linkLinesWithFlag++;
    } else continue;
    if (!hasFlag && withoutFlag.length < 3) withoutFlag.push(line);
  }
  return { compileLines, compileLinesWithFlag, linkLines, linkLinesWithFlag, withoutFlag };
}
var CASE_START = /^(\w+) \(((?:\w+\.)+\w+)\)(?: \.\.\. ?(.*))?$/;
var VERDICT = /(?:^|\.\.\. ?)(?:ok|FAIL|ERROR|skipped\b.*|expected failure|unexpected success)$/;
function casesOfVerboseOutput(lines) {
  const started = [];
  let open6;
  for (const line of lines) {
    const start = CASE_START.exec(line);
    if (start) {
      const id = start[2].endsWith(`.${start[1]}`) ? start[2] : `${start[2]}.${start[1]}`;
      started.push(id);
      open6 = start[3] !== void 0 && VERDICT.test(`... ${start[3]}`) ? void 0 : id;
      continue;
    }
    if (open6 !== void 0 && VERDICT.test(line.trim())) open6 = void 0;
  }
  return { started, ...open6 !== void 0 ? { unfinished: open6 } : {} };
}
function caseOfReport(cases, processEndedBySanitizer) {
  if (processEndedBySanitizer && cases.unfinished) return cases.unfinished;
  return cases.started.length === 1 ? cases.started[0] : void 0;
}
function mapSourceCopies(text3, sources) {
  let mapped = text3;
  for (const { copy, project } of sources) mapped = mapped.split(`${copy}/`).join(project === "" || project === "." ? "" : `${project}/`);
  return mapped;
}

// src/report/memcheck.ts
var MEMCHECK_FINDING = {
  InvalidWrite: "invalid-write",
  InvalidRead: "invalid-read",
  InvalidFree: "invalid-free",
  MismatchedFree: "allocator-mismatch",
  UninitValue: "uninitialised-value",
  UninitCondition: "uninitialised-value",
  Leak_DefinitelyLost: "memory-leak"
};
function memcheckFindingKind(valgrindKind) {
  return MEMCHECK_FINDING[valgrindKind] ?? "memory-error";
}
function memcheckSection(run, relative) {
  const suppressedBy = {};
  const files = run.files.map((file) => {
    const onlyCase = file.caseIds?.length === 1 ? file.caseIds[0] : void 0;
    const errors = [];
    const processes2 = file.processes.map((process2) => {
      const { valgrind } = process2;
      const xml = relative(process2.xml);
      for (const { name, count: count2 } of valgrind.suppressed) suppressedBy[name] = (suppressedBy[name] ?? 0) + count2;
      const userErrors = valgrind.errors.filter((error) => error.blame === "extension");
      for (const error of userErrors) {
        const entry = errorEntry(error, run, xml, onlyCase);
        const same = errors.find((other) => samePlace(other, entry));
        if (same) errors[errors.indexOf(same)] = { ...same, count: same.count + entry.count };
        else errors.push(entry);
      }
      return {
        xml,
        ...valgrind.pid !== void 0 ? { pid: valgrind.pid } : {},
        ...valgrind.state ? { state: valgrind.state } : {},
        errors: valgrind.errors.length,
        userErrors: userErrors.length,
        droppedErrors: valgrind.droppedErrors,
        suppressed: valgrind.suppressed.reduce((total, pair) => total + pair.count, 0)
      };
    });
    return {
      name: file.testFile,
      command: file.command,
      exitCode: file.exitCode,
      outcome: file.outcome.outcome,
      log: relative(file.log),
      processes: processes2,
      errors: file.cases ? errors.flatMap((error) => withCases(error, file.cases, run, relative)) : errors,
      ...file.cases ? {
        cases: file.cases.map((caseRun) => ({
          id: caseRun.id,
          log: relative(caseRun.log),
          xml: caseRun.processes.map((process2) => relative(process2.xml))
        }))
      } : {},
      ...file.casesNotRun ? { casesNotRun: file.casesNotRun } : {}
    };
  });
  const processes = files.flatMap((file) => file.processes);
  return {
    valgrind: run.valgrind,
    suppressions: run.suppressions,
    files,
    totals: {
      files: files.length,
      processes: processes.length,
      errors: processes.reduce((total, process2) => total + process2.errors + process2.droppedErrors, 0),
      userErrors: processes.reduce((total, process2) => total + process2.userErrors, 0),
      suppressed: processes.reduce((total, process2) => total + process2.suppressed, 0),
      suppressedBy
    }
  };
}
function memcheckFindings(section2) {
  return section2.files.flatMap(
    (file) => file.errors.map((error) => {
      const where = error.function || error.file ? ` in ${error.function ?? "?"}${error.file ? ` (${error.file}${error.line ? `:${error.line}` : ""})` : ""}` : "";
      const times = error.count > 1 ? ` (${error.count} reports)` : "";
      return {
        kind: memcheckFindingKind(error.kind),
        test: file.name,
        ...error.case ? { case: error.case } : {},
        message: `${error.case ?? file.name}: memcheck: ${error.what}${where}${times}`,
        detail: `${error.what}${times}`,
        log: error.xml,
        pass: "memcheck",
        ...error.file ? { file: error.file } : {},
        ...error.file && error.line ? { line: error.line } : {},
        ...error.function ? { function: error.function } : {}
      };
    })
  );
}
function memcheckLogs(run) {
  const xmlOf = (process2) => ({
    log: process2.xml,
    lines: process2.lines,
    unparsed: process2.unparsed,
    details: process2.details,
    kind: "valgrind-xml"
  });
  return run.files.flatMap((file) => [
    { ...file, kind: "regrtest-memcheck" },
    ...file.processes.map(xmlOf),
    ...(file.cases ?? []).flatMap((caseRun) => [{ ...caseRun, kind: "regrtest-memcheck" }, ...caseRun.processes.map(xmlOf)])
  ]);
}
function withCases(error, cases, run, relative) {
  const entries = [];
  for (const caseRun of cases) {
    let found;
    for (const process2 of caseRun.processes) {
      for (const caseError of process2.valgrind.errors.filter((candidate) => candidate.blame === "extension")) {
        const entry = errorEntry(caseError, run, relative(process2.xml), caseRun.id);
        if (!samePlace(entry, error)) continue;
        found = found ? { ...found, count: found.count + entry.count } : { ...entry, what: error.what, kind: error.kind };
      }
    }
    if (found) entries.push(found);
  }
  return entries.length ? entries : [error];
}
function samePlace(a, b) {
  return memcheckFindingKind(a.kind) === memcheckFindingKind(b.kind) && a.function === b.function && a.file === b.file && a.line === b.line;
}
function errorEntry(error, run, xml, onlyCase) {
  const frame = error.culprit;
  const file = frame ? userSourceFile(frame, run) : void 0;
  return {
    kind: error.kind,
    what: error.what,
    count: error.count,
    ...frame?.function ? { function: frame.function } : {},
    ...file ? { file } : {},
    ...file && frame?.line ? { line: frame.line } : {},
    ...onlyCase ? { case: onlyCase } : {},
    xml
  };
}
function userSourceFile(frame, run) {
  if (frame.file === void 0) return void 0;
  const full = frame.directory ? `${frame.directory}/${frame.file}` : frame.file;
  return workspaceRelative(mapSourceCopies(full, run.sources), run.workspace);
}

// src/plan/test-command.ts
var TEST_COMMAND_NAME = "test-command";
var INTERPRETER_OPTIONS_WITH_VALUE = /* @__PURE__ */ new Set(["-X", "-W", "--check-hash-based-pycs"]);
var PYTEST_PROGRAM = /(?:^|[\\/])(?:pytest|py\.test)(?:\.exe)?$/;
function runnerWord(argv, module) {
  if (module === "pytest" && argv.length > 0 && PYTEST_PROGRAM.test(argv[0])) return 0;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === "-m" && argv[index + 1] === module) return index + 1;
    if (argv[index] === `-m${module}`) return index;
    if (INTERPRETER_OPTIONS_WITH_VALUE.has(argv[index])) index++;
    else if (!argv[index].startsWith("-") && index > 0) break;
  }
  return -1;
}
var hasOption = (argv, ...names) => argv.some((word) => names.some((name) => word === name || word.startsWith(`${name}=`)));
function planTestCommand(argv, { junitPath }) {
  const pytest = runnerWord(argv, "pytest");
  if (pytest >= 0) {
    const added = [
      ...hasOption(argv, "--junitxml", "--junit-xml") ? [] : [`--junitxml=${junitPath}`],
      ...hasOption(argv, "--capture", "-s") ? [] : ["--capture=sys"]
    ];
    return {
      argv: [...argv.slice(0, pytest + 1), ...added, ...argv.slice(pytest + 1)],
      runner: "pytest",
      ...added.some((word) => word.startsWith("--junitxml=")) ? { junitPath } : {},
      added
    };
  }
  return { argv, runner: runnerWord(argv, "unittest") >= 0 ? "unittest" : "other", added: [] };
}

// src/report/sanitizers.ts
function sanitizerSection(pass, relative) {
  return {
    tool: pass.spec.tool,
    compileFlag: pass.spec.compileFlag,
    reportsDir: relative(pass.logDir),
    env: pass.env,
    ...pass.suppressions ? { suppressions: pass.suppressions } : {},
    instrumentation: pass.instrumentation.map((entry) => ({
      path: entry.projectDir,
      instrumented: entry.instrumented,
      ...entry.compileLines ? {
        compileLines: {
          compile: entry.compileLines.compileLines,
          compileWithFlag: entry.compileLines.compileLinesWithFlag,
          link: entry.compileLines.linkLines,
          linkWithFlag: entry.compileLines.linkLinesWithFlag,
          withoutFlag: entry.compileLines.withoutFlag
        }
      } : {},
      modules: entry.modules
    })),
    files: pass.runs.map((run) => ({
      name: run.testFile,
      command: run.command,
      exitCode: run.exitCode,
      ...run.signal ? { signal: run.signal } : {},
      log: relative(run.log),
      cases: run.cases,
      reports: run.reports.map((report) => ({
        path: relative(report.log),
        kinds: (report.parsed?.reports ?? []).map((parsed) => parsed.kind),
        suppressed: report.parsed?.suppressed ?? [],
        ...report.case ? { case: report.case } : {}
      }))
    })),
    ...pass.notRun ? { notRun: pass.notRun } : {}
  };
}
function sanitizerFindings(pass, problems, relative) {
  const findings = [];
  for (const entry of pass.instrumentation.filter((candidate) => !candidate.instrumented)) {
    const lines = entry.compileLines;
    const evidence = lines?.withoutFlag.length ? `${lines.compileLines - lines.compileLinesWithFlag} of ${lines.compileLines} compile lines and ${lines.linkLines - lines.linkLinesWithFlag} of ${lines.linkLines} link lines in its build log lack it (\`${lines.withoutFlag[0]}\`)` : `${entry.modules.filter((module) => !module.instrumented).map((module) => module.file).join(", ") || "no module"} references no ${pass.spec.runtimeSymbol}`;
    const message = `${entry.projectDir} was not compiled with ${pass.spec.compileFlag}: ${evidence}. ${pass.spec.tool} cannot see its bugs; do not replace CFLAGS/LDFLAGS (sysconfig's carry the flag) or add ${pass.spec.compileFlag} to them.`;
    findings.push({
      kind: "not-instrumented",
      message,
      detail: `not compiled with ${pass.spec.compileFlag}`,
      log: relative(pass.runs[0]?.log ?? ""),
      pass: "sanitizer"
    });
  }
  const cases = new Map(pass.runs.flatMap((run) => run.reports.map((report) => [relative(report.log), report.case])));
  for (const problem of problems) {
    if (problem.severity === "note") continue;
    const testCase = cases.get(problem.log);
    if (findings.some((finding) => finding.test === problem.test && finding.message === problem.message)) continue;
    findings.push({
      kind: problem.kind,
      ...problem.test ? { test: problem.test } : {},
      ...testCase ? { case: testCase } : {},
      message: problem.message,
      log: problem.log,
      pass: "sanitizer",
      ...problem.file ? { file: problem.file } : {},
      ...problem.file && problem.line ? { line: problem.line } : {},
      ...problem.function ? { function: problem.function } : {}
    });
  }
  return findings;
}
function mergeSanitizerFindings(findings, pass, own2) {
  const merged = findings.map((finding) => ({
    ...finding,
    message: mapSourceCopies(finding.message, pass.sources),
    ...finding.detail ? { detail: mapSourceCopies(finding.detail, pass.sources) } : {},
    ...finding.file ? { file: mapSourceCopies(finding.file, pass.sources) } : {}
  }));
  for (const finding of own2) {
    const same = finding.kind === "not-instrumented" ? -1 : merged.findIndex(
      (other2) => other2.test === finding.test && sameFamily(other2.kind, finding.kind) && (other2.kind !== "memory-leak" || other2.message === finding.message) || other2.test === void 0 && other2.message === finding.message
    );
    if (same < 0) {
      merged.push(finding);
      continue;
    }
    const other = merged[same];
    merged[same] = {
      ...other,
      ...finding.test ? { test: finding.test } : {},
      ...other.case ?? finding.case ? { case: other.case ?? finding.case } : {},
      ...finding.file ? { file: finding.file, ...finding.line ? { line: finding.line } : {} } : {},
      ...finding.function ? { function: finding.function } : {},
      ...other.detail || other.message === finding.message ? {} : { detail: finding.message }
    };
  }
  return merged.sort((a, b) => findingRank(a.kind) - findingRank(b.kind));
}

// src/report/regrtest-tests.ts
function testFileEntryOf(test) {
  return {
    name: test.name,
    outcome: test.outcome,
    ...test.result ? { result: test.result } : {},
    leaks: leakEntries(test, false),
    informationalLeaks: leakEntries(test, true),
    ...test.fatalError ? { fatalError: test.fatalError } : {},
    ...test.reason ? { reason: test.reason } : {},
    ...test.exception ? { exception: test.exception } : {},
    ...test.traceback ? { traceback: test.traceback } : {}
  };
}
function leakEntries(test, informational) {
  return test.leaks.filter((leak) => leak.informational === informational).map(({ kind, deltas, sum: sum2 }) => ({ kind, deltas, sum: sum2 }));
}

// src/parse/pytest-log.ts
var MAX_PYTEST_TESTS = 5e4;
var WORDS = "PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS";
var RESULT = new RegExp(`^(\\S+?\\.py::.*?) (${WORDS})(?:\\s+\\[\\s*\\d+%\\])?\\s*$`);
var STARTED = /^(\S+?\.py::\S(?:.*\S)?) ?$/;
var SHORT_SUMMARY = /^(FAILED|ERROR) (\S+?\.py(?:::.*?)?)(?: - (.*))?$/;
var CLOSING = /^=+ (.*?) in \d+(?:\.\d+)?s(?: \([^)]*\))? =+$/;
var COLLECT_COUNT = /^\d+ tests? collected in \d+(?:\.\d+)?s$|^no tests collected/;
var PytestLogParser = class {
  started = [];
  results = /* @__PURE__ */ new Map();
  collectionErrors = {};
  summary;
  unrecognised = emptyUnparsed();
  droppedTests = 0;
  next(line, lineNumber) {
    if (this.read(line, lineNumber)) return true;
    if (line.trim() !== "") recordUnparsed(this.unrecognised, lineNumber, line);
    return false;
  }
  end() {
    return {
      started: this.started,
      results: Object.fromEntries(this.results),
      collectionErrors: this.collectionErrors,
      ...this.summary !== void 0 ? { summary: this.summary } : {},
      unrecognised: this.unrecognised,
      ...this.droppedTests ? { droppedTests: this.droppedTests } : {}
    };
  }
  read(line, lineNumber) {
    if (line.includes(" leaked [")) return false;
    let match = RESULT.exec(line);
    if (match) {
      this.test(match[1], lineNumber)?.words.push(match[2]);
      return true;
    }
    if (match = STARTED.exec(line)) {
      if (!this.results.has(match[1])) this.test(match[1], lineNumber);
      return true;
    }
    if (match = SHORT_SUMMARY.exec(line)) {
      const [, word, id, reason = ""] = match;
      if (id.includes("::")) {
        const test = this.test(id, lineNumber);
        if (test && test.reason === void 0 && reason) test.reason = own(reason.slice(0, 300));
        if (test && !test.words.includes(word)) test.words.push(word);
      } else {
        this.collectionErrors[own(id)] = own(reason.slice(0, 300));
      }
      return true;
    }
    if (match = CLOSING.exec(line)) {
      this.summary = own(match[1]);
      return true;
    }
    return COLLECT_COUNT.test(line);
  }
  test(id, lineNumber) {
    let test = this.results.get(id);
    if (!test) {
      if (this.results.size >= MAX_PYTEST_TESTS) {
        this.droppedTests++;
        return void 0;
      }
      test = { id: own(id), words: [], line: lineNumber };
      this.results.set(test.id, test);
      this.started.push(test.id);
    }
    return test;
  }
};
function pytestOutcome(words) {
  if (words.includes("FAILED") || words.includes("ERROR")) return "failed";
  if (words.includes("PASSED") || words.includes("XFAIL") || words.includes("XPASS")) return "passed";
  if (words.includes("SKIPPED")) return "skipped";
  return void 0;
}
function pytestFileOf(id) {
  const cut = id.indexOf("::");
  return cut < 0 ? id : id.slice(0, cut);
}

// src/plan/test-file-runner.ts
function regrtestFileRunner(testsDir, timeoutSeconds) {
  return {
    kind: "regrtest",
    argv: (testFile, { caseId, verbose } = {}) => [
      "-m",
      "test",
      "--testdir",
      testsDir,
      "--timeout",
      String(timeoutSeconds),
      ...verbose ? ["-v"] : [],
      ...caseId ? ["-m", caseId] : [],
      testFile
    ],
    helperArgs: ["--testdir", testsDir],
    pythonPath: [],
    logName: (testFile) => testFile
  };
}
function pytestFileRunner(projectDir, plugin) {
  return {
    kind: "pytest",
    // Always -v: pytest's per-test verdicts are what its outcome is read from (-q prints dots and a closing line without its borders).
    argv: (testFile, { caseId } = {}) => [
      "-m",
      "pytest",
      "-p",
      "no:cacheprovider",
      "--rootdir",
      projectDir,
      "-p",
      plugin.module,
      "-s",
      "-v",
      caseId ?? testFile
    ],
    helperArgs: ["--pytest", "--rootdir", projectDir],
    pythonPath: [plugin.dir],
    logName: pytestLogName
  };
}
function pytestLogName(testFile) {
  return testFile.replace(/[\\/]/g, "__");
}
function processOutcome(process2) {
  return process2.timedOut ? "timed-out" : process2.signal ? "crashed" : void 0;
}
function regrtestFileOutcome(regrtest, testFile, process2) {
  const test = regrtest.tests.find((candidate) => candidate.name === testFile);
  return {
    outcome: processOutcome(process2) ?? test?.outcome ?? "unknown",
    ...test?.exception ? { exception: test.exception } : {},
    ...test?.traceback ? { traceback: test.traceback } : {}
  };
}
function pytestProcessEnd(pytest, process2) {
  const ended = processOutcome(process2);
  if (ended) return ended;
  if (process2.exitCode === null || process2.exitCode === 0) return void 0;
  const closed = pytest.summary !== void 0 || Object.keys(pytest.collectionErrors).length > 0;
  return !closed && (process2.exitCode === 1 || process2.exitCode > 5) ? "crashed" : void 0;
}
function pytestFileOutcome(pytest, process2) {
  const ended = pytestProcessEnd(pytest, process2);
  if (ended) return { outcome: ended };
  const words = Object.values(pytest.results).map((result) => pytestOutcome(result.words));
  const failed = Object.values(pytest.results).find((result) => pytestOutcome(result.words) === "failed");
  const reason = failed?.reason ?? Object.values(pytest.collectionErrors)[0];
  const outcome = failed || Object.keys(pytest.collectionErrors).length || process2.exitCode !== null && process2.exitCode >= 1 && process2.exitCode <= 4 ? "failed" : words.length === 0 || process2.exitCode === 5 ? "no-tests" : words.every((word) => word === "skipped") ? "skipped" : "passed";
  return { outcome, ...reason ? { exception: reason } : {} };
}
function casesOfPytestLog(pytest) {
  const unfinished = [...pytest.started].reverse().find((id) => pytestOutcome(pytest.results[id]?.words ?? []) === void 0);
  return { started: pytest.started, ...unfinished ? { unfinished } : {} };
}

// src/report/collect-pytest.ts
function pytestRefleakSection(hunt, runner, relative, addLog) {
  addLog(hunt.collect, "pytest-collect");
  const tests = [];
  for (const [file, reason] of Object.entries(hunt.collect.parsed.collectionErrors)) {
    tests.push({
      name: file,
      outcome: "failed",
      result: "failed (collection error)",
      leaks: [],
      informationalLeaks: [],
      ...reason ? { reason, exception: reason } : {},
      log: relative(hunt.collect.log)
    });
  }
  for (const run of hunt.files) {
    addLog(run, "pytest-refleak");
    tests.push(fileEntry(run, relative(run.log)));
  }
  const byOutcome = /* @__PURE__ */ new Map();
  for (const test of tests) byOutcome.set(test.outcome, (byOutcome.get(test.outcome) ?? 0) + 1);
  const firstFailure = hunt.files.find((run) => run.exitCode !== 0);
  return {
    runner: { name: runner.runner, reason: runner.reason, ...hunt.pytestVersion ? { version: hunt.pytestVersion } : {} },
    // Each file ran alone with the same arguments: the first file's command stands for all.
    command: hunt.files[0]?.command ?? hunt.collect.command,
    exitCode: firstFailure ? firstFailure.exitCode : hunt.files.length ? 0 : hunt.collect.exitCode,
    warmups: hunt.warmups,
    runs: hunt.runs,
    ...tests.length ? { state: [...byOutcome].map(([outcome, count2]) => `${count2} ${outcome}`).join(", ") } : {},
    tests,
    log: relative(hunt.collect.log),
    discovery: {
      testsDir: relative(hunt.discovery.testsDir),
      modules: hunt.files.map((run) => run.file),
      nested: [],
      pytestStyle: hunt.discovery.pytestStyle
    }
  };
}
function fileEntry(run, log) {
  const { pytest, regrtest } = run.parsed;
  const interrupted = pytestProcessEnd(pytest, run);
  const cut = interrupted ? pytest.started.findIndex((id) => pytestOutcome(pytest.results[id]?.words ?? []) === void 0) : -1;
  const cases = run.caseIds.map((id) => {
    const leaks = leakEntries2(regrtest, id, false);
    const position = pytest.started.indexOf(id);
    const outcome2 = leaks.length ? "leaked" : position >= 0 && position === cut ? interrupted : pytestOutcome(pytest.results[id]?.words ?? []) ?? (interrupted ? "omitted" : "unknown");
    return { id, outcome: outcome2, leaks, log };
  });
  const count2 = (outcome2) => cases.filter((testCase) => testCase.outcome === outcome2).length;
  const failed = cases.find((testCase) => testCase.outcome === "failed");
  const outcome = interrupted ? interrupted : count2("leaked") ? "leaked" : failed || run.exitCode !== null && run.exitCode >= 2 && run.exitCode <= 4 ? "failed" : cases.length === 0 || run.exitCode === 5 ? "no-tests" : count2("skipped") === cases.length ? "skipped" : "passed";
  const result = outcome === "crashed" ? `crashed (${run.signal ?? `exit code ${run.exitCode}`})` : outcome === "timed-out" ? "timed out" : outcome === "leaked" ? `leaked (${count2("leaked")} of ${cases.length} tests)` : pytest.summary ?? outcome;
  const reason = failed ? pytest.results[failed.id]?.reason : void 0;
  return {
    name: run.file,
    outcome,
    result,
    // The plugin gives every verdict per test: the file's own are its cases'.
    leaks: [],
    informationalLeaks: cases.flatMap((testCase) => leakEntries2(regrtest, testCase.id, true)),
    ...reason ? { reason, exception: reason } : {},
    ...outcome !== "passed" ? { cases } : {},
    log
  };
}
function leakEntries2(regrtest, id, informational) {
  const test = regrtest.tests.find((candidate) => candidate.name === id);
  return (test?.leaks ?? []).filter((leak) => leak.informational === informational).map(({ kind, deltas, sum: sum2 }) => ({ kind, deltas, sum: sum2 }));
}
function pytestCaseIds(hunt) {
  return Object.fromEntries(hunt.files.map((run) => [run.file, [...run.caseIds]]));
}

// src/report/collect.ts
function collectReport(results) {
  const { relative } = results;
  const logs = [];
  const problems = [];
  const passes = /* @__PURE__ */ new Map();
  const addLog = (run, kind, pass) => {
    const path31 = relative(run.log);
    logs.push({ path: path31, kind, lines: run.lines, unparsed: run.unparsed, parsed: run.details, ...run.logCut ? { cut: run.logCut } : {} });
    passes.set(path31, pass);
    problems.push(...run.details.problems.map((problem) => ({ ...problem, log: path31 })));
  };
  let refleaks;
  if (results.refleaks) {
    const hunt = results.refleaks;
    if (hunt.run) addLog(hunt.run, "regrtest-refleak", "refleak");
    const tests = (hunt.run?.parsed.tests ?? []).map((test) => {
      const caseRuns = hunt.cases[test.name];
      for (const caseRun of caseRuns ?? []) addLog(caseRun, "regrtest-refleak-case", "refleak-case");
      return {
        ...testFileEntryOf(test),
        ...hunt.casesNotRun[test.name] ? { casesNotRun: hunt.casesNotRun[test.name] } : {},
        ...caseRuns ? {
          cases: caseRuns.map((caseRun) => {
            const caseTest = caseRun.parsed.tests.find((candidate) => candidate.name === test.name);
            const leaks = caseTest ? leakEntries(caseTest, false) : [];
            return { id: caseRun.id, outcome: caseOutcome(caseTest, leaks, caseRun), leaks, log: relative(caseRun.log) };
          })
        } : {}
      };
    });
    const casesNotRun = Object.values(hunt.casesNotRun).reduce((total, count2) => total + count2, 0);
    refleaks = {
      ...results.testRunner ? { runner: { name: results.testRunner.runner, reason: results.testRunner.reason } } : {},
      command: hunt.run?.command ?? [],
      exitCode: hunt.run?.exitCode ?? null,
      warmups: hunt.warmups,
      runs: hunt.runs,
      ...hunt.run?.parsed.summary.state ? { state: hunt.run.parsed.summary.state } : {},
      ...hunt.run?.parsed.summary.workerFailure ? { workerFailure: hunt.run.parsed.summary.workerFailure } : {},
      tests,
      ...hunt.run ? { log: relative(hunt.run.log) } : {},
      ...casesNotRun ? { casesNotRun } : {},
      discovery: { ...hunt.discovery, testsDir: relative(hunt.discovery.testsDir) }
    };
  } else if (results.pytest) {
    refleaks = pytestRefleakSection(
      results.pytest,
      results.testRunner ?? { runner: "pytest", reason: "pytest ran the tests" },
      relative,
      (run, kind) => addLog(run, kind, "refleak")
    );
  }
  let showrefcount;
  if (results.showrefcount) {
    showrefcount = {
      files: results.showrefcount.map((run) => {
        addLog(run, "regrtest-showrefcount", "showrefcount");
        const final = run.refcount.final;
        const { outcome, exception, traceback } = run.outcome;
        return {
          name: run.testFile,
          exitCode: run.exitCode,
          ...run.signal ? { signal: run.signal } : {},
          outcome,
          ...final ? { atExit: { refs: final.refs, blocks: final.blocks } } : {},
          ...exception ? { exception } : {},
          ...traceback ? { traceback } : {},
          log: relative(run.log)
        };
      })
    };
  }
  let testCommand;
  let commandFindings = [];
  if (results.testCommand) {
    addLog(results.testCommand, "test-command", "test-command");
    const commandLog = relative(results.testCommand.log);
    const reportsOfCommand = (results.sanitizers?.runs ?? []).filter((run) => run.testFile === TEST_COMMAND_NAME).flatMap((run) => run.reports.flatMap((report) => report.details.problems.map((problem) => ({ ...problem, log: commandLog }))));
    const commandProblems = [...problems, ...reportsOfCommand];
    testCommand = testCommandSection(results.testCommand, commandProblems, relative);
    const { running, log } = testCommand;
    if (running) {
      for (const [index, problem] of problems.entries()) if (problem.log === log && problem.test === void 0) problems[index] = { ...problem, test: running };
    }
    commandFindings = testCommandFindings(testCommand, commandProblems);
  }
  let cpythonTests;
  let findingProblems = problems;
  let sectionFindings = [];
  if (results.cpythonTests) {
    addLog(results.cpythonTests, "regrtest-cpython-tests", "cpython-tests");
    cpythonTests = cpythonTestsSection(results.cpythonTests, problems, relative);
    sectionFindings = cpythonTestsFindings(cpythonTests, results.cpythonTests.parsed.tests, problems);
    const failed = new Set(sectionFindings.map((finding) => finding.test));
    const log = cpythonTests.log;
    findingProblems = problems.filter((problem) => problem.log !== log || problem.test !== void 0 && failed.has(problem.test));
  }
  let memcheck;
  let memcheckErrors = [];
  if (results.memcheck) {
    const xmlLogs = /* @__PURE__ */ new Set();
    for (const log of memcheckLogs(results.memcheck)) {
      addLog(log, log.kind, "memcheck");
      if (log.kind === "valgrind-xml") xmlLogs.add(relative(log.log));
    }
    memcheck = memcheckSection(results.memcheck, relative);
    memcheckErrors = memcheckFindings(memcheck);
    findingProblems = findingProblems.filter((problem) => !xmlLogs.has(problem.log));
  }
  let sanitizers;
  let sanitizerOwn = [];
  if (results.sanitizers) {
    const passLogs = /* @__PURE__ */ new Set();
    for (const file of results.sanitizers.runs) {
      if (file.testFile !== TEST_COMMAND_NAME) {
        addLog(file, "regrtest-sanitizer", "sanitizer");
        passLogs.add(relative(file.log));
      }
      for (const report of file.reports) {
        addLog(report, "sanitizer-report", "sanitizer");
        passLogs.add(relative(report.log));
      }
    }
    sanitizers = sanitizerSection(results.sanitizers, relative);
    const running = testCommand?.running;
    const ofPass = problems.filter((problem) => passLogs.has(problem.log) && problem.source === "sanitizer").map((problem) => running && problem.test === TEST_COMMAND_NAME ? { ...problem, test: running } : problem);
    sanitizerOwn = sanitizerFindings(results.sanitizers, ofPass, relative);
    findingProblems = findingProblems.filter((problem) => !passLogs.has(problem.log));
  }
  const checks = results.variantChecks;
  for (const file of checks?.gil?.files ?? []) addLog(file, "gil-check", "gil");
  for (const file of checks?.census?.files ?? []) addLog(file, "census", "census");
  for (const file of checks?.countAllocs ?? []) addLog(file, "count-allocs", "count-allocs");
  for (const file of checks?.allocations ?? []) addLog(file, "allocation-report", "allocation-report");
  const variantSections = checks ? variantCheckSections(checks, relative) : {};
  const variantFindings = variantCheckFindings(variantSections);
  const collected = nameCrashedCases(
    collectFindings({
      refleaks,
      problems: findingProblems,
      passOfLog: (log) => passes.get(log),
      ...showrefcount ? { showrefcount } : {},
      sectionFindings: [...sectionFindings, ...commandFindings, ...variantFindings, ...memcheckErrors]
    }),
    results.refleaks?.caseIds ?? (results.pytest ? pytestCaseIds(results.pytest) : {})
  );
  const findings = results.sanitizers ? mergeSanitizerFindings(collected, results.sanitizers, sanitizerOwn) : collected;
  const status = results.error ? results.error.kind === "BuildError" || results.error.kind === "SourceError" ? "build-failed" : results.error.kind === "ExtensionBuildError" ? "extension-failed" : results.error.kind === "CancelledError" ? "cancelled" : "error" : findings.some((finding) => finding.kind === "nothing-tested") ? "nothing-tested" : findings.length ? "findings" : "clean";
  const { cell, interpreter } = results;
  return {
    schema: REPORT_SCHEMA_VERSION,
    tool: { name: "pydebug", version: results.toolVersion },
    generatedAt: results.generatedAt,
    status,
    ...results.error ? { error: results.error } : {},
    ...cell ? {
      cell: {
        id: cell.id,
        python: cell.python.text,
        variant: cell.variant,
        configureArgs: cell.configureArgs,
        runtimeEnv: cell.runtimeEnv,
        abiFlags: cell.abiFlags,
        extensionAbi: cell.extensionAbi
      }
    } : {},
    ...interpreter ? {
      interpreter: {
        pythonPath: interpreter.pythonPath,
        prefix: interpreter.prefix,
        cacheKey: interpreter.cacheKey,
        cacheHit: interpreter.cacheHit,
        seconds: round2(interpreter.seconds),
        source: results.sourceDescription ?? interpreter.record.source,
        sysVersion: interpreter.record.probe.version,
        abiflags: interpreter.record.probe.abiflags,
        ...interpreter.record.probe.soabi ? { soabi: interpreter.record.probe.soabi } : {},
        ...interpreter.rebuildReason ? { rebuildReason: interpreter.rebuildReason } : {},
        ...interpreter.abiFingerprint ? { abiFingerprint: describeAbiFingerprint(interpreter.abiFingerprint) } : {},
        build: buildFactsOf(interpreter.record)
      }
    } : {},
    extensions: results.extensions.map((build) => ({
      path: build.projectDir,
      abi: build.abi,
      reused: build.reused,
      sitePath: build.sitePath,
      seconds: round2(build.seconds),
      ...build.logPath ? { log: relative(build.logPath) } : {},
      compilerEnv: build.compilerEnv,
      compilerVersions: build.compilerVersions,
      removedEnv: build.removedEnv,
      ...Object.keys(build.buildEnv).length ? { buildEnv: build.buildEnv } : {},
      builder: build.builder,
      ...build.command ? { command: build.command } : {},
      key: build.key,
      ...build.builtFor ? { fingerprint: describeAbiFingerprint(build.builtFor) } : {},
      ...build.reusedFrom ? { reusedFrom: build.reusedFrom } : {}
    })),
    ...refleaks ? { refleaks } : {},
    ...showrefcount ? { showrefcount } : {},
    ...cpythonTests ? { cpythonTests } : {},
    ...testCommand ? { testCommand } : {},
    ...variantSections,
    ...memcheck ? { memcheck } : {},
    ...sanitizers ? { sanitizers } : {},
    ...results.checksNotRun?.length ? { checksNotRun: results.checksNotRun } : {},
    findings,
    // Errors first; within a severity, in log order.
    problems: problems.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)),
    logs
  };
}
var SEVERITY_ORDER = ["error", "warning", "note"];
function caseOutcome(test, leaks, run) {
  if (leaks.length) return "leaked";
  if (run.signal) return "crashed";
  if (run.timedOut) return "timed-out";
  return test?.outcome ?? "unknown";
}
function nameCrashedCases(findings, caseIds) {
  return findings.map((finding) => {
    if (finding.case || !finding.test || !finding.function) return finding;
    const matching = (caseIds[finding.test] ?? []).filter((id) => id.endsWith(`.${finding.function}`) || id.endsWith(`::${finding.function}`));
    return matching.length === 1 ? { ...finding, case: matching[0] } : finding;
  });
}
function round2(seconds) {
  return Math.round(seconds * 100) / 100;
}
function buildFactsOf(record) {
  const phaseSeconds = record.phaseSeconds ? Object.fromEntries(Object.entries(record.phaseSeconds).map(([phase, seconds]) => [phase, round2(seconds)])) : void 0;
  return {
    seconds: round2(record.buildSeconds),
    ...phaseSeconds ? { phaseSeconds } : {},
    ...record.ccache ? { ccache: record.ccache } : {},
    ...record.configureResults ? { configureResults: record.configureResults } : {},
    ...record.installedBytes !== void 0 ? { installedBytes: record.installedBytes } : {},
    ...record.leftOut?.length ? { leftOut: record.leftOut } : {}
  };
}

// src/report/exit-code.ts
var FAIL_ON_VALUES = ["findings", "leaks", "new", "never"];
function findingsExitCode(report, failOn) {
  if (failOn === "never") return 0;
  const failing = failOn === "leaks" ? report.findings.filter((finding) => failsOnLeaks(finding.kind)) : failOn === "new" ? newFindings(report.findings, report.baseline) : report.findings;
  return failing.length ? FINDINGS_EXIT_CODE : 0;
}

// src/report/charts.ts
var MAX_LEAK_CHARTS = 5;
function leakingTests(findings) {
  const byTest = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    if (!finding.deltas?.length) continue;
    const test = finding.case ?? finding.test ?? finding.log;
    const series = byTest.get(test) ?? [];
    const sum2 = finding.sum ?? finding.deltas.reduce((total, delta) => total + delta, 0);
    if (!series.some((known) => known.kind === finding.kind)) series.push({ kind: finding.kind, deltas: finding.deltas, sum: sum2 });
    byTest.set(test, series);
  }
  const tests = [...byTest].map(([test, series]) => ({ test, series: series.sort((a, b) => findingRank(a.kind) - findingRank(b.kind)) }));
  return tests.sort(
    (a, b) => findingRank(a.series[0].kind) - findingRank(b.series[0].kind) || b.series[0].sum - a.series[0].sum || a.test.localeCompare(b.test)
  );
}
function leakKinds(tests) {
  return [...new Set(tests.flatMap((test) => test.series.map((series) => series.kind)))].sort((a, b) => findingRank(a) - findingRank(b));
}
function cumulative(deltas) {
  let total = 0;
  return deltas.map((delta) => total += delta);
}
function seriesLabel(series) {
  return FINDING_KINDS[series.kind].label;
}
var MERMAID_AXIS = "growth (bars: each run, line: total)";
function renderLeakChartMermaid(test) {
  const name = mermaidText(test.test);
  return test.series.flatMap((series) => [
    "```mermaid",
    "xychart-beta",
    `    title "${name}: ${mermaidText(seriesLabel(series))}, sum ${series.sum}"`,
    `    x-axis "run after the warm-ups" [${series.deltas.map((_, index) => index + 1).join(", ")}]`,
    `    y-axis "${MERMAID_AXIS}"`,
    `    bar [${series.deltas.join(", ")}]`,
    `    line [${cumulative(series.deltas).join(", ")}]`,
    "```",
    ""
  ]);
}
function mermaidText(text3) {
  return text3.replace(/["`]/g, "'").replace(/[\r\n]+/g, " ");
}
var PANEL = { width: 340, height: 190, left: 48, right: 12, top: 30, bottom: 34 };
function renderLeakChartSvg(test, escapeText) {
  const width = PANEL.width * test.series.length;
  const panels = test.series.map((series, index) => svgPanel(series, index * PANEL.width, escapeText));
  return [
    `<svg class="leak-chart" role="img" viewBox="0 0 ${width} ${PANEL.height}" width="${width}" height="${PANEL.height}" aria-label="${escapeText(`${test.test}: leak growth per run`)}">`,
    `<title>${escapeText(`${test.test}: ${test.series.map((series) => `${seriesLabel(series)} [${series.deltas.join(", ")}], sum ${series.sum}`).join("; ")}`)}</title>`,
    ...panels,
    "</svg>"
  ].join("\n");
}
function svgPanel(series, x0, escapeText) {
  const totals = cumulative(series.deltas);
  const low = Math.min(0, ...series.deltas, ...totals);
  const high = Math.max(0, ...series.deltas, ...totals);
  const span = high - low || 1;
  const plotWidth = PANEL.width - PANEL.left - PANEL.right;
  const plotHeight = PANEL.height - PANEL.top - PANEL.bottom;
  const y = (value) => round3(PANEL.top + plotHeight * (1 - (value - low) / span));
  const slot = plotWidth / Math.max(1, series.deltas.length);
  const center = (index) => round3(x0 + PANEL.left + slot * (index + 0.5));
  const barWidth = round3(Math.max(2, slot * 0.5));
  const parts = [
    `<g class="panel">`,
    `<text class="chart-title" x="${x0 + PANEL.left}" y="18">${escapeText(`${seriesLabel(series)}, sum ${series.sum}`)}</text>`,
    `<line class="axis" x1="${x0 + PANEL.left}" y1="${PANEL.top}" x2="${x0 + PANEL.left}" y2="${PANEL.top + plotHeight}"/>`,
    `<line class="zero" x1="${x0 + PANEL.left}" y1="${y(0)}" x2="${x0 + PANEL.left + plotWidth}" y2="${y(0)}"/>`,
    `<text class="tick" x="${x0 + PANEL.left - 6}" y="${y(high) + 4}" text-anchor="end">${high}</text>`,
    ...low < 0 ? [`<text class="tick" x="${x0 + PANEL.left - 6}" y="${y(low) + 4}" text-anchor="end">${low}</text>`] : [],
    `<text class="tick" x="${x0 + PANEL.left - 6}" y="${y(0) + 4}" text-anchor="end">0</text>`
  ];
  for (const [index, delta] of series.deltas.entries()) {
    const top = Math.min(y(delta), y(0));
    parts.push(
      `<rect class="bar" x="${round3(center(index) - barWidth / 2)}" y="${top}" width="${barWidth}" height="${round3(Math.max(1, Math.abs(y(delta) - y(0))))}"><title>run ${index + 1}: ${delta}</title></rect>`,
      `<text class="tick" x="${center(index)}" y="${PANEL.top + plotHeight + 16}" text-anchor="middle">${index + 1}</text>`
    );
  }
  parts.push(`<polyline class="total" points="${totals.map((total, index) => `${center(index)},${y(total)}`).join(" ")}"/>`);
  for (const [index, total] of totals.entries())
    parts.push(`<circle class="total" cx="${center(index)}" cy="${y(total)}" r="3"><title>total after run ${index + 1}: ${total}</title></circle>`);
  parts.push(`<text class="legend" x="${x0 + PANEL.left}" y="${PANEL.height - 4}">run after the warm-ups \xB7 bars: each run \xB7 line: total</text>`, "</g>");
  return parts.join("\n");
}
function round3(value) {
  return Math.round(value * 10) / 10;
}

// src/report/variant-checks-md.ts
function variantChecksMarkdown(report, escapeText, code3) {
  const lines = [];
  const { gil, census, allocations, countAllocs, checksNotRun } = report;
  for (const { check, reason } of checksNotRun ?? []) lines.push(`**\u26A0\uFE0F Not run: \`${code3(check)}\`**, a check of this variant: ${escapeText(reason)}.`, "");
  if (gil) {
    lines.push("### Free-threading", "");
    if (gil.mode === "force-off") lines.push("`gil: force-off`: the tests ran with `PYTHON_GIL=0`, the GIL kept disabled whatever the extension declares.", "");
    else if (gil.reenabledBy.length) {
      for (const entry of gil.reenabledBy)
        lines.push(
          `**\u26A0\uFE0F The GIL was re-enabled to import module \`${code3(entry.module)}\`** (first imported by \`${code3(entry.test)}\`): this cell tested the GIL build, not free-threading. Declare \`Py_MOD_GIL_NOT_USED\` (\`Py_mod_gil\` slot) once the module is thread-safe, or set \`gil: force-off\`.`,
          ""
        );
      lines.push("```text", ...gil.reenabledBy.map((entry) => entry.warning.replaceAll("```", "'''")), "```", "");
    } else if (gil.files.some((file) => file.gilEnabled))
      lines.push("**\u26A0\uFE0F The GIL was enabled after importing the tests**, with no warning naming a module.", "");
    else lines.push(`The GIL stayed disabled after importing each of the ${gil.files.length} test files.`, "");
  }
  if (census) {
    lines.push(
      `### Live objects by type (trace-refs census, ${census.warmups} warm-ups, ${census.runs} counted runs)`,
      "",
      "| Test file | Types that grew in every counted run | Live objects after each counted run |",
      "|---|---|---|"
    );
    for (const file of census.files) {
      const leaked = file.leakedTypes.map(
        ({ name, deltas }) => `\`${code3(name)}\` ${deltas.every((delta) => delta === deltas[0]) ? `+${deltas[0]} per run` : `[${deltas.join(", ")}]`}`
      );
      const objects = file.runs.filter((run) => !run.warmup).map((run) => run.objects);
      lines.push(
        `| \`${code3(file.name)}\` | ${leaked.length ? leaked.join("<br>") : file.outcome === "ok" ? "none" : escapeText(file.outcome)} | ${objects.length ? objects.join(", ") : "\u2014"} |`
      );
    }
    lines.push("");
  }
  if (countAllocs) {
    lines.push("### Allocations per type (COUNT_ALLOCS, before and after each test file)", "", "| Test file | Types whose live count grew most |", "|---|---|");
    for (const file of countAllocs.files) {
      const top = file.topGrowth.slice(0, 5).map(
        (type) => `\`${code3(type.name)}\` +${type.growth} (alloc'd ${type.after.allocs - type.before.allocs}, freed ${type.after.frees - type.before.frees})`
      );
      lines.push(`| \`${code3(file.name)}\` | ${top.length ? top.join("<br>") : file.outcome === "ok" ? "none grew" : escapeText(file.outcome)} |`);
    }
    lines.push("");
  }
  if (allocations) {
    const mimalloc = allocations.files.some((file) => file.allocator === "mimalloc");
    lines.push(
      "### Allocator statistics before and after each test file (`sys._debugmallocstats()`)",
      "",
      mimalloc ? "| Test file | Allocated blocks (mimalloc) | Allocated bytes |" : "| Test file | Arenas | Bytes in allocated blocks | Size classes that grew (blocks in use) |",
      mimalloc ? "|---|---|---|" : "|---|---|---|---|"
    );
    for (const file of allocations.files) {
      if (!file.before || !file.after) {
        lines.push(
          `| \`${code3(file.name)}\` | ${escapeText(file.outcome)}${file.exitCode !== null ? ` (exit ${file.exitCode})` : ""} |${mimalloc ? " |" : " | |"}`
        );
        continue;
      }
      const change = (key) => {
        const before = file.before?.[key];
        const after = file.after?.[key];
        if (before === void 0 || after === void 0) return "\u2014";
        const growth = after - before;
        return `${groupDigits(before)} \u2192 ${groupDigits(after)} (${growth >= 0 ? "+" : "\u2212"}${groupDigits(Math.abs(growth))})`;
      };
      if (mimalloc) lines.push(`| \`${code3(file.name)}\` | ${change("allocatedBlocks")} | ${change("allocatedBytes")} |`);
      else {
        const grew = file.sizeClasses.filter((row) => row.growth > 0).map((row) => `${row.size} B: ${row.before} \u2192 ${row.after} (+${row.growth})`);
        lines.push(`| \`${code3(file.name)}\` | ${change("arenas")} | ${change("bytesInAllocatedBlocks")} | ${grew.length ? grew.join("<br>") : "none"} |`);
      }
    }
    lines.push("");
  }
  return lines;
}
function groupDigits(value) {
  return value.toLocaleString("en-US");
}

// src/report/baseline-md.ts
var MAX_ROWS_PER_STATE = 100;
var STATES = [
  { key: "new", label: "\u{1F195} new" },
  { key: "unchanged", label: "unchanged" },
  { key: "fixed", label: "\u2705 fixed" }
];
function baselineMarkdown(section2, escapeMarkdown2, escapeCode2, heading = "###") {
  if (!section2) return [];
  const lines = [`${heading} Compared with the baseline`, ""];
  if (section2.source === void 0) {
    lines.push(`No baseline was given: every finding counts as new (${section2.new.length}).`, "");
  } else {
    lines.push(
      `Baseline \`${escapeCode2(section2.source)}\`: **${section2.new.length} new**, ${section2.unchanged.length} unchanged, ${section2.fixed.length} fixed.`,
      ""
    );
  }
  const listed = STATES.filter(({ key }) => section2[key].length && (key !== "new" || section2.source !== void 0));
  if (!listed.length) return lines;
  lines.push("| | Test | Finding | Where |", "|---|---|---|---|");
  const counted = [];
  for (const { key, label } of listed) {
    for (const identity of section2[key].slice(0, MAX_ROWS_PER_STATE)) {
      const parts = identityParts(identity);
      const test = parts.case || parts.test;
      const kind = FINDING_KINDS[parts.kind]?.label ?? parts.kind;
      lines.push(`| ${label} | ${test ? `\`${escapeCode2(test)}\`` : "\u2014"} | ${escapeMarkdown2(kind)} | ${parts.where ? `\`${escapeCode2(parts.where)}\`` : ""} |`);
    }
    if (section2[key].length > MAX_ROWS_PER_STATE) counted.push(`${section2[key].length - MAX_ROWS_PER_STATE} more ${key}`);
  }
  lines.push("");
  if (counted.length) lines.push(`Not listed: ${counted.join(", ")} (report.json's \`baseline\` has every identity).`, "");
  return lines;
}

// src/report/summary-md.ts
var STATUS_LINE = {
  clean: "\u2705 no leaks or crashes found",
  findings: "\u274C found problems",
  "nothing-tested": "\u26A0\uFE0F nothing was tested",
  "build-failed": "\u{1F4A5} the interpreter did not build",
  "extension-failed": "\u{1F4A5} the extension did not build",
  cancelled: "\u{1F6D1} the run was cancelled: what ran before is below",
  error: "\u{1F4A5} the run stopped with an error"
};
var PASS_LABEL = {
  refleak: "regrtest -R",
  "refleak-case": "case re-run alone",
  showrefcount: "-X showrefcount pass",
  discovery: "before running",
  "cpython-tests": "CPython's test suite",
  "test-command": "test-command",
  memcheck: "valgrind memcheck",
  sanitizer: "sanitizer pass",
  census: "trace-refs census",
  "allocation-report": "allocation report",
  "count-allocs": "COUNT_ALLOCS counts",
  gil: "GIL check"
};
var MAX_TRACEBACK_LINES_SHOWN = 12;
var GITHUB_STEP_SUMMARY_MAX_BYTES = 1024 * 1024;
var SUMMARY_ROWS_SHOWN = 200;
var FULL_REPORT_POINTER = "every row is in report.json and report.html (in the report folder or artifact)";
function renderSummaryMarkdown(report, maxBytes = GITHUB_STEP_SUMMARY_MAX_BYTES) {
  const lines = [];
  const title = report.cell ? `${report.cell.id} \xB7 CPython ${report.cell.python} \xB7 ${report.cell.variant}` : "pydebug";
  lines.push(`## pydebug: ${escapeMarkdown(title)}`, "");
  const findingCount = report.findings.length;
  const nothingTested2 = report.findings.find((finding) => finding.kind === "nothing-tested");
  const headline = nothingTested2 ? `\u26A0\uFE0F ${nothingTested2.message}` : STATUS_LINE[report.status];
  const others = findingCount - (nothingTested2 ? 1 : 0);
  lines.push(
    `**${escapeMarkdown(headline)}**${others ? ` (${nothingTested2 ? "and " : ""}${others} ${nothingTested2 ? "other " : ""}finding${others === 1 ? "" : "s"}: ${countByKind(report.findings.filter((finding) => finding !== nothingTested2))})` : ""}`,
    ""
  );
  if (report.error) {
    lines.push("```text", report.error.message.replaceAll("```", "'''"), "```", "");
    if (report.error.log) lines.push(`Full log: \`${escapeCode(report.error.log)}\``, "");
  }
  const stepsFrom = lines.push("| Step | Result |", "|---|---|");
  if (report.interpreter) {
    const rebuilt = report.interpreter.rebuildReason ? ` \xB7 the cached builds did not fit: ${escapeMarkdown(report.interpreter.rebuildReason)}` : "";
    const build = report.interpreter.build;
    const phases = report.interpreter.cacheHit === "none" && build ? describeBuildPhases(build) : "";
    const size = build?.installedBytes !== void 0 ? ` \xB7 ${formatMegabytes(build.installedBytes)} installed` : "";
    lines.push(
      `| Interpreter | ${describeCacheHit(report.interpreter.cacheHit)} in ${report.interpreter.seconds.toFixed(1)} s${phases}${size} \xB7 \`${escapeCode(report.interpreter.pythonPath)}\`${rebuilt} |`
    );
    lines.push(`| Configure | \`${escapeCode(report.cell?.configureArgs.join(" ") ?? "")}\` \xB7 ABI flags \`${escapeCode(report.interpreter.abiflags ?? "")}\` |`);
  }
  for (const extension of report.extensions) {
    const how = extension.builder === "build-command" ? " with build-command" : extension.builder === "pep517-pip" ? " with pip (PEP 517 backend)" : "";
    const buildEnv = Object.entries(extension.buildEnv ?? {}).map(([name, value]) => `\`${escapeCode(`${name}=${value}`)}\``);
    const from = extension.reusedFrom && extension.reusedFrom.cell !== report.cell?.id ? ` (built by the ${escapeMarkdown(extension.reusedFrom.cell)} run)` : "";
    lines.push(
      `| Extension | \`${escapeCode(baseName(extension.path))}\` ${extension.reused ? "reused" : "built"} for ${escapeMarkdown(extension.abi)}${from}${how} in ${extension.seconds.toFixed(1)} s${buildEnv.length ? ` \xB7 build-env ${buildEnv.join(" ")}` : ""} |`
    );
  }
  if (report.refleaks) {
    const { refleaks } = report;
    const ran = refleaks.tests.filter(ranATestCase).length;
    const notRan = refleaks.tests.length - ran;
    const files = `${refleaks.tests.length} test file${refleaks.tests.length === 1 ? "" : "s"}${notRan ? ` (${notRan} ran no test case)` : ""}`;
    const hunter = refleaks.runner?.name === "pytest" ? `pytest with pydebug_refleak \`${refleaks.warmups}:${refleaks.runs}\`` : `regrtest \`-R ${refleaks.warmups}:${refleaks.runs}\``;
    if (refleaks.runner)
      lines.push(
        `| Test runner | ${refleaks.runner.name}${refleaks.runner.version ? ` ${escapeMarkdown(refleaks.runner.version)}` : ""}: ${escapeMarkdown(refleaks.runner.reason)} |`
      );
    lines.push(`| Refleak hunt | ${hunter} on ${files}: ${escapeMarkdown(refleaks.state ?? (refleaks.log ? `exit ${refleaks.exitCode}` : "not run"))} |`);
  }
  if (report.memcheck) lines.push(memcheckStepRow(report.memcheck));
  if (report.sanitizers) lines.push(...sanitizerStepRows(report.sanitizers));
  if (report.cpythonTests) lines.push(cpythonTestsStepRow(report.cpythonTests));
  if (report.testCommand) {
    const { testCommand } = report;
    const exit = testCommand.timedOut ? `stopped by pydebug at test-command-timeout (${testCommand.signal ?? "SIGKILL"})` : testCommand.signal ? `killed by ${testCommand.signal}` : `exit ${testCommand.exitCode}`;
    const read = testCommand.summary ? escapeMarkdown(testCommand.summary) : "no test result pydebug could read";
    lines.push(
      `| Test command | \`${escapeCode(testCommand.command)}\` (${escapeMarkdown(testCommand.runner)}): ${read} \xB7 ${exit}${testCommand.running ? ` \xB7 running \`${escapeCode(testCommand.running)}\` when it stopped` : ""} |`
    );
  }
  if (report.cell && Object.keys(report.cell.runtimeEnv).length) {
    lines.push(
      `| Runtime env | ${Object.entries(report.cell.runtimeEnv).map(([name, value]) => `\`${escapeCode(`${name}=${value}`)}\``).join(" ")} |`
    );
  }
  if (lines.length === stepsFrom) lines.splice(stepsFrom - 2, 2);
  else lines.push("");
  lines.push(...findingsMarkdown(report.findings, SUMMARY_ROWS_SHOWN));
  lines.push(...baselineMarkdown(report.baseline, escapeMarkdown, escapeCode));
  if (report.refleaks?.tests.length) {
    const atExit = new Map(report.showrefcount?.files.map((file) => [file.name, file.atExit]));
    const pytest = report.refleaks.runner?.name === "pytest";
    lines.push(
      "### Test files",
      "",
      `| Test file | ${pytest ? "pytest + pydebug_refleak" : "regrtest -R"} | ${pytest ? "Test cases" : "Cases re-run alone"} | At exit (-X showrefcount) |`,
      "|---|---|---|---|"
    );
    const rows = [];
    for (const test of report.refleaks.tests) {
      const exit = atExit.get(test.name);
      rows.push(`| \`${escapeCode(test.name)}\` | ${verdict(test)} | ${casesCell(test)} | ${exit ? `${exit.refs} refs, ${exit.blocks} blocks` : "\u2014"} |`);
    }
    const hunted = new Set(report.refleaks.tests.map((test) => test.name));
    for (const file of report.showrefcount?.files ?? []) {
      if (hunted.has(file.name)) continue;
      rows.push(
        `| \`${escapeCode(file.name)}\` | not run | \u2014 | ${escapeMarkdown(file.outcome)}${file.atExit ? `, ${file.atExit.refs} refs, ${file.atExit.blocks} blocks` : ""} |`
      );
    }
    lines.push(...shownRows(rows, SUMMARY_ROWS_SHOWN, "test files"));
    const partly = report.refleaks.tests.filter((test) => test.casesNotRun);
    if (partly.length) {
      lines.push(
        "",
        `Only partly attributed (raise \`max-case-runs\` or \`max-case-runs-total\`): ${partly.map((test) => `\`${escapeCode(test.name)}\` (${test.casesNotRun} of ${test.casesNotRun + (test.cases?.length ?? 0)} cases not re-run alone)`).join(", ")}.`
      );
    }
    lines.push("");
  }
  if (report.memcheck) lines.push(...memcheckLines(report.memcheck));
  if (report.cpythonTests) lines.push(...cpythonTestsLines(report.cpythonTests));
  lines.push(...variantChecksMarkdown(report, escapeMarkdown, escapeCode));
  const discovery = report.refleaks?.discovery;
  if (discovery?.nested.length && discovery.modules.length) {
    lines.push(
      `Test files in sub-folders of \`${escapeCode(discovery.testsDir)}\` were not run (regrtest does not search sub-folders): ${discovery.nested.map((nested) => `\`${escapeCode(nested.dir)}/\` (${nested.modules})`).join(", ")}.`,
      ""
    );
  }
  lines.push(...notesMarkdown(report.problems ?? [], "report.json's `problems`"));
  for (const log of report.logs) if (log.cut) lines.push(`Log \`${escapeCode(log.path)}\` is incomplete: ${escapeMarkdown(describeLogCut(log.cut))}.`, "");
  const unparsed = report.logs.reduce((total, log) => total + log.unparsed.count, 0);
  if (report.logs.length) lines.push("<details><summary>Logs</summary>", "");
  lines.push(
    ...shownRows(
      report.logs.map(
        (log) => `- \`${escapeCode(log.path)}\` (${log.kind}, ${log.lines} lines${log.unparsed.count ? `, ${log.unparsed.count} not parsed` : ""}${log.cut ? ", incomplete" : ""})`
      ),
      SUMMARY_ROWS_SHOWN,
      "logs"
    )
  );
  if (report.logs.length) lines.push("", `${unparsed} log lines were not recognised by any parser; they are kept in the logs.`, "", "</details>", "");
  return fitToBytes(lines, maxBytes);
}
function shownRows(rows, shown, what) {
  if (rows.length <= shown) return [...rows];
  return [...rows.slice(0, shown), "", `\u2026 and ${groupDigits(rows.length - shown)} more ${what}: ${FULL_REPORT_POINTER}.`];
}
function leakingTestsMarkdown(tests, rowsShown) {
  if (tests.length === 0) return [];
  const kinds = leakKinds(tests);
  const lines = [
    "### Leaking tests",
    "",
    `| Test | ${kinds.map((kind) => `${FINDING_KINDS[kind].label} per run | sum`).join(" | ")} |`,
    `|---|${kinds.map(() => "---|---:|").join("")}`
  ];
  const rows = tests.map((test) => {
    const cells = kinds.map((kind) => {
      const series = test.series.find((candidate) => candidate.kind === kind);
      return series ? `[${series.deltas.join(", ")}] | ${series.sum}` : " | ";
    });
    return `| \`${escapeCode(test.test)}\` | ${cells.join(" | ")} |`;
  });
  lines.push(...shownRows(rows, rowsShown, "leaking tests"), "");
  const charted = tests.slice(0, MAX_LEAK_CHARTS);
  lines.push(
    `<details><summary>Leak growth over the counted runs (${charted.length === tests.length ? "" : `the ${charted.length} largest of `}${groupDigits(tests.length)} leaking test${tests.length === 1 ? "" : "s"})</summary>`,
    ""
  );
  for (const test of charted) lines.push(...renderLeakChartMermaid(test));
  lines.push("</details>", "");
  return lines;
}
function fitToBytes(lines, maxBytes) {
  const text3 = lines.join("\n");
  if (utf8Bytes(text3) <= maxBytes) return text3;
  const rowsFrom = new Array(lines.length + 1).fill(0);
  const headingsFrom = new Array(lines.length + 1);
  headingsFrom[lines.length] = [];
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index];
    rowsFrom[index] = rowsFrom[index + 1] + (line.startsWith("| ") || line.startsWith("- ") ? 1 : 0);
    const heading = /^#{2,4} (.*)$/.exec(line) ?? /^<details><summary>(.*?)<\/summary>/.exec(line);
    headingsFrom[index] = heading ? [heading[1], ...headingsFrom[index + 1]] : headingsFrom[index + 1];
  }
  const noteFrom = (index) => `**\u2702\uFE0F This summary stops here to stay under ${groupDigits(maxBytes)} bytes (GitHub's step summary limit): ${groupDigits(rowsFrom[index])} more rows${headingsFrom[index].length ? ` and the sections ${headingsFrom[index].join(", ")}` : ""} are left out; ${FULL_REPORT_POINTER}.**`;
  let used = 0;
  let kept = 0;
  let fenceOpen = false;
  let fenceStart = 0;
  let detailsOpen = 0;
  for (; kept < lines.length; kept++) {
    const line = lines[kept];
    const fenceAfter = line.startsWith("```") ? !fenceOpen : fenceOpen;
    const detailsAfter = detailsOpen + (line.startsWith("<details>") ? 1 : 0) - (line.startsWith("</details>") ? 1 : 0);
    const closing = (fenceAfter ? "```\n".length : 0) + detailsAfter * "</details>\n".length;
    const lineBytes = utf8Bytes(line) + 1;
    if (used + lineBytes + closing + utf8Bytes(noteFrom(kept + 1)) + 2 > maxBytes) break;
    used += lineBytes;
    if (fenceAfter && !fenceOpen) fenceStart = kept;
    fenceOpen = fenceAfter;
    detailsOpen = detailsAfter;
  }
  if (fenceOpen) kept = fenceStart;
  const closers = Array.from({ length: detailsOpen }, () => "</details>");
  return [...lines.slice(0, kept), ...closers, noteFrom(kept), ""].join("\n");
}
function utf8Bytes(text3) {
  return Buffer.byteLength(text3, "utf8");
}
function findingsMarkdown(findings, rowsShown = Number.POSITIVE_INFINITY) {
  if (findings.length === 0) return [];
  const lines = ["### Findings", "", "| Test | Finding | Where | Deltas per run (after warm-up) |", "|---|---|---|---|"];
  const shown = findings.slice(0, rowsShown);
  for (const finding of shown) {
    const text3 = findingCause(finding);
    const detail = text3 ? `: \`${escapeCode(text3)}\`` : "";
    const seenIn = finding.pass && finding.pass !== "refleak" && finding.pass !== "refleak-case" ? ` (${PASS_LABEL[finding.pass]})` : "";
    const test = finding.case ?? finding.test;
    lines.push(
      `| ${test ? `\`${escapeCode(test)}\`` : "\u2014"} | ${FINDING_KINDS[finding.kind].label}${detail}${seenIn} | ${whereCell(finding)} | ${finding.deltas ? `[${finding.deltas.join(", ")}]` : ""} |`
    );
  }
  if (shown.length < findings.length)
    lines.push("", `\u2026 and ${groupDigits(findings.length - shown.length)} more findings (${countByKind(findings.slice(shown.length))}): ${FULL_REPORT_POINTER}.`);
  lines.push("");
  lines.push(...leakingTestsMarkdown(leakingTests(findings), rowsShown));
  const traced = shown.filter((finding) => finding.traceback?.length);
  if (traced.length) {
    lines.push("<details><summary>Tracebacks</summary>", "");
    for (const finding of traced) {
      const traceback = finding.traceback;
      const shown2 = traceback.length > MAX_TRACEBACK_LINES_SHOWN ? [traceback[0], "  ...", ...traceback.slice(-(MAX_TRACEBACK_LINES_SHOWN - 2))] : traceback;
      lines.push(
        `\`${escapeCode(finding.case ?? finding.test ?? finding.kind)}\`:`,
        "",
        "```text",
        ...shown2.map((line) => line.replaceAll("```", "'''")),
        "```",
        ""
      );
    }
    lines.push("</details>", "");
  }
  return lines;
}
function findingCause(finding) {
  return finding.detail ?? (finding.deltas ? void 0 : finding.message);
}
function notesMarkdown(problems, listedIn) {
  const notes = problems.filter((problem) => problem.severity === "note").length;
  if (notes === 0) return [];
  return [
    `${notes} problem${notes === 1 ? "" : "s"} seen in the logs ${notes === 1 ? "is" : "are"} not the extension's (e.g. CPython's own): listed in ${listedIn}, not counted as findings.`,
    ""
  ];
}
function cpythonTestsStepRow(section2) {
  const shard = section2.shard ? ` \xB7 shard ${section2.shard.index} of ${section2.shard.count} (${section2.shard.tests.length} test files)` : "";
  return `| CPython's tests | \`${escapeCode(section2.selection)}\`${shard}: ${escapeMarkdown(section2.state ?? `did not finish (exit ${section2.exitCode})`)} |`;
}
var CPYTHON_TEST_COUNT_LABELS = {
  ok: "OK",
  failed: "Failed",
  timedOut: "Timed out",
  skipped: "Skipped",
  resourceDenied: "Resource denied",
  envChanged: "Env changed",
  rerun: "Re-run",
  runNoTests: "Ran no tests",
  omitted: "Omitted"
};
function cpythonTestsLines(section2) {
  const { counts } = section2;
  const verdicts = Object.entries(CPYTHON_TEST_COUNT_LABELS);
  const lines = ["### CPython's test suite", "", `| ${verdicts.map(([, label]) => label).join(" | ")} |`, `|${verdicts.map(() => "---|").join("")}`];
  lines.push(`| ${verdicts.map(([verdict2]) => counts[verdict2]).join(" | ")} |`, "");
  if (section2.failed?.length)
    lines.push(
      `Failed: ${section2.failed.map((name) => `\`${escapeCode(name)}\`${section2.timedOutTests?.includes(name) ? " (timed out)" : ""}`).join(", ")}.`,
      ""
    );
  const applied = Object.entries(section2.environment.applied).map(([name, value]) => `\`${escapeCode(`${name}=${value}`)}\``);
  const removed = section2.environment.removed.map((name) => `\`${escapeCode(name)}\``);
  lines.push(
    `Run ${escapeMarkdown(section2.environment.how)}: ${applied.length ? `applied ${applied.join(" ")}` : "the variant has no runtime settings"}${removed.length ? `; removed ${removed.join(" ")}` : ""}. Per test file timeout ${section2.timeoutSeconds} s${section2.junit ? `; JUnit XML \`${escapeCode(section2.junit.path)}\` (${section2.junit.tests} cases, ${section2.junit.failures} failures, ${section2.junit.errors} errors)` : "; no JUnit XML was written"}.`,
    ""
  );
  return lines;
}
function unitsRun(files) {
  if (files.length === 1 && files[0].name === TEST_COMMAND_NAME) return "the test command, run once";
  return `${files.length} test file${files.length === 1 ? "" : "s"}, one process each`;
}
function sanitizerStepRows(section2) {
  const instrumented = section2.instrumentation.map((entry) => {
    const lines = entry.compileLines;
    const evidence = lines && lines.compile > 0 ? `${lines.compileWithFlag} of ${lines.compile} compile lines and ${lines.linkWithFlag} of ${lines.link} link lines carry it` : `${entry.modules.filter((module) => module.instrumented).length} of ${entry.modules.length} modules reference its runtime`;
    return `${entry.instrumented ? "\u2705" : "\u274C"} \`${escapeCode(baseName(entry.path))}\` ${entry.instrumented ? "" : "not "}compiled with \`${escapeCode(section2.compileFlag)}\` (${evidence})`;
  });
  const reports = section2.files.reduce((total, file) => total + file.reports.reduce((sum2, report) => sum2 + report.kinds.length, 0), 0);
  const suppressed = section2.files.reduce(
    (total, file) => total + file.reports.reduce((sum2, report) => sum2 + report.suppressed.reduce((rows, row) => rows + row.count, 0), 0),
    0
  );
  const run = section2.notRun ? `not run: ${escapeMarkdown(section2.notRun)}` : `${unitsRun(section2.files)}, reports in \`${escapeCode(section2.reportsDir)}/\`: ${reports} report${reports === 1 ? "" : "s"}${section2.suppressions ? ` \xB7 ${suppressed} of CPython's own leaks at exit suppressed (\`${escapeCode(baseName(section2.suppressions))}\`)` : ""}`;
  return [`| ${escapeMarkdown(section2.tool)} | ${instrumented.join("<br>") || "no extension"} |`, `| ${escapeMarkdown(section2.tool)} pass | ${run} |`];
}
function memcheckStepRow(section2) {
  const { totals } = section2;
  const plural3 = (count2, word, words = `${word}s`) => `${count2} ${count2 === 1 ? word : words}`;
  const other = totals.errors - totals.userErrors;
  return `| Memcheck | ${escapeMarkdown(section2.valgrind)} on ${unitsRun(section2.files).replace(/, one process each$/, "")} (${plural3(totals.processes, "process", "processes")}): ${plural3(totals.userErrors, "error")} in the extension's code, ${other} inside CPython or the system, ${totals.suppressed} suppressed${section2.suppressions.origin === "none" ? " (no suppressions file)" : ""} |`;
}
function memcheckLines(section2) {
  const { totals } = section2;
  const lines = ["### Memcheck", ""];
  if (totals.userErrors === 0) {
    lines.push(
      `**memcheck found no error in the extension's code**: no invalid read or write, invalid free, use of an uninitialised value or definitely lost block in ${totals.files} test file${totals.files === 1 ? "" : "s"} (${totals.processes} process${totals.processes === 1 ? "" : "es"}).`,
      ""
    );
  }
  lines.push("| Test file | Processes | Errors in your code | Inside CPython or the system | Suppressed | Exit |", "|---|---|---|---|---|---|");
  for (const file2 of section2.files) {
    const count2 = (pick) => file2.processes.reduce((total, process2) => total + pick(process2), 0);
    const unfinished = file2.processes.filter((process2) => process2.state !== void 0 && process2.state !== "FINISHED").length;
    lines.push(
      `| \`${escapeCode(file2.name)}\` | ${file2.processes.length}${unfinished ? ` (${unfinished} did not finish)` : ""} | ${count2((process2) => process2.userErrors)} | ${count2((process2) => process2.errors - process2.userErrors + process2.droppedErrors)} | ${count2((process2) => process2.suppressed)} | ${escapeMarkdown(file2.outcome)}, exit ${file2.exitCode} |`
    );
  }
  lines.push("");
  const suppressions = section2.suppressions;
  const hidden = Object.entries(totals.suppressedBy).sort((a, b) => b[1] - a[1]);
  const file = suppressions.file ? `\`${escapeCode(baseName(suppressions.file))}\`` : "";
  if (suppressions.origin === "none") lines.push(`No suppressions: ${escapeMarkdown(suppressions.note ?? "none found")}.`, "");
  else
    lines.push(
      `Suppressions: CPython's ${file}${suppressions.origin === "source-tarball" ? " (read from the source tarball)" : suppressions.origin === "source-tree" ? " (read from the source folder)" : ""}; ${totals.suppressed} error${totals.suppressed === 1 ? "" : "s"} hidden${hidden.length ? `: ${hidden.slice(0, 5).map(([name, count2]) => `${escapeMarkdown(name)} (${count2})`).join(", ")}` : ""}.`,
      ""
    );
  if (totals.errors > totals.userErrors)
    lines.push(`Errors inside CPython or the system are not the extension's: listed in report.json's \`problems\` as notes, with their XML files.`, "");
  return lines;
}
function describeBuildPhases(build) {
  const phases = BUILD_PHASES.flatMap((phase) => {
    const seconds = build.phaseSeconds?.[phase];
    if (seconds === void 0) return [];
    const reused = phase === "configure" && build.configureResults === "reused" ? " with an earlier configure's results" : phase === "make" && build.ccache ? ` with ccache, ${build.ccache.hits} of ${build.ccache.hits + build.ccache.misses} compilations from its cache` : "";
    return [`${phaseCommandName(phase)} ${seconds.toFixed(0)} s${reused}`];
  });
  return phases.length ? ` (${phases.join(", ")})` : "";
}
function formatMegabytes(bytes) {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}
function describeCacheHit(cacheHit) {
  return { local: "restored from the local cache", remote: "restored from the Actions cache", none: "built from source" }[cacheHit];
}
function verdict(test) {
  const leaks = test.leaks.map((leak) => `leaked [${leak.deltas.join(", ")}] ${leak.kind}`);
  const fatal = test.fatalError ? [`\`${escapeCode(`Fatal Python error: ${test.fatalError}`)}\``] : [];
  const exception = test.exception && !test.fatalError ? [`\`${escapeCode(test.exception)}\``] : [];
  return [escapeMarkdown(test.result ?? test.outcome), ...leaks, ...fatal, ...exception].join("<br>");
}
function whereCell(finding) {
  if (!finding.file) return finding.function ? `\`${escapeCode(finding.function)}\`` : "";
  const place = `${finding.file}${finding.line ? `:${finding.line}` : ""}`;
  return `\`${escapeCode(place)}\`${finding.function ? ` in \`${escapeCode(finding.function)}\`` : ""}`;
}
function countByKind(findings) {
  const counts = /* @__PURE__ */ new Map();
  for (const finding of findings) counts.set(finding.kind, (counts.get(finding.kind) ?? 0) + 1);
  return [...counts].map(([kind, count2]) => `${count2} ${FINDING_KINDS[kind].label}`).join(", ");
}
function casesCell(test) {
  if (!test.cases) return "\u2014";
  return test.cases.map(
    (testCase) => `${testCase.outcome === "leaked" ? "\u274C" : testCase.outcome === "passed" ? "\u2705" : "\u26A0\uFE0F"} \`${escapeCode(testCase.id.includes("::") ? testCase.id.split("::").pop() : testCase.id.split(".").pop())}\``
  ).join("<br>");
}
function baseName(filePath) {
  return filePath.split(/[\\/]/).filter(Boolean).pop() ?? filePath;
}
function escapeMarkdown(text3) {
  return text3.replace(/[\\`*_{}[\]<>|#]/g, (character) => `\\${character}`).replace(/\r?\n/g, " ");
}
function escapeCode(text3) {
  return text3.replaceAll("`", "'").replaceAll("|", "\\|").replace(/\r?\n/g, " ");
}

// src/report/html-report.ts
var HTML_ROWS_SHOWN = 500;
var SIZE_CLASSES_SHOWN = 5;
function renderHtmlReport(report) {
  const title = report.cell ? `${report.cell.id} \xB7 CPython ${report.cell.python} \xB7 ${report.cell.variant}` : "pydebug";
  const body = [
    headerHtml(report, title),
    stepsHtml(report),
    findingsHtml(report.findings),
    leaksHtml(leakingTests(report.findings)),
    testFilesHtml(report),
    report.memcheck ? memcheckHtml(report.memcheck) : "",
    report.sanitizers ? sanitizersHtml(report.sanitizers) : "",
    report.allocations ? allocationsHtml(report.allocations) : "",
    variantChecksHtml(report),
    cpythonTestsHtml(report),
    testCommandHtml(report),
    tracebacksHtml(report.findings),
    logsHtml(report)
  ].filter(Boolean);
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`pydebug: ${title}`)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    ...body,
    "</main>",
    `<script>${SORT_SCRIPT}</script>`,
    "</body>",
    "</html>",
    ""
  ].join("\n");
}
function escapeHtml(text3) {
  return text3.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
function code(text3) {
  return `<code>${escapeHtml(text3).replace(/[/.]/g, "$&<wbr>")}</code>`;
}
function section(id, heading, ...parts) {
  return [`<section id="${id}">`, `<h2>${escapeHtml(heading)}</h2>`, ...parts, "</section>"].join("\n");
}
function plural2(count2, word, words = `${word}s`) {
  return `${groupDigits(count2)} ${count2 === 1 ? word : words}`;
}
function table(id, columns, rows, what) {
  const shown = rows.slice(0, HTML_ROWS_SHOWN);
  const kept = columns.flatMap((_, index) => shown.some((row) => row[index]?.html) ? [index] : []);
  const classOf = (column) => {
    const names = [...column.numeric ? ["number"] : [], ...column.nowrap ? ["nowrap"] : []];
    return names.length ? ` class="${names.join(" ")}"` : "";
  };
  const head = kept.map((index) => `<th${classOf(columns[index])} scope="col">${escapeHtml(columns[index].label)}</th>`).join("");
  const body = shown.map(
    (row) => `<tr>${kept.map((index) => {
      const cell = row[index] ?? { html: "" };
      return `<td${classOf(columns[index])}${cell.sort !== void 0 ? ` data-sort="${cell.sort}"` : ""}>${cell.html}</td>`;
    }).join("")}</tr>`
  );
  const more = rows.length > shown.length ? [`<p class="more">\u2026 and ${plural2(rows.length - shown.length, `more ${what}`, `more ${what}`)}: report.json holds every one.</p>`] : [];
  return [
    `<div class="scroll"><table id="${id}" class="sortable">`,
    `<thead><tr>${head}</tr></thead>`,
    "<tbody>",
    ...body,
    "</tbody>",
    "</table></div>",
    ...more
  ].join("\n");
}
function text2(value) {
  return { html: escapeHtml(value) };
}
function number2(value) {
  return value === void 0 ? { html: "" } : { html: groupDigits(value), sort: value };
}
function headerHtml(report, title) {
  const nothingTested2 = report.findings.find((finding) => finding.kind === "nothing-tested");
  const headline = nothingTested2 ? nothingTested2.message : STATUS_LINE[report.status].replace(new RegExp("^\\p{Extended_Pictographic}\\uFE0F?\\s*", "u"), "");
  const counted = report.findings.length ? `${plural2(report.findings.length, "finding")}: ${countByKind(report.findings)}` : "no findings";
  const parts = [
    "<header>",
    `<h1>${escapeHtml(`pydebug: ${title}`)}</h1>`,
    `<p class="status status-${report.status}">${escapeHtml(headline)}</p>`,
    `<p>${escapeHtml(counted)} \xB7 report of ${escapeHtml(report.generatedAt)} by ${escapeHtml(`${report.tool.name} ${report.tool.version}`)}</p>`
  ];
  if (report.error) {
    parts.push(
      `<div class="error"><p>${escapeHtml(report.error.kind)}${report.error.log ? ` \xB7 full log ${code(report.error.log)}` : ""}</p><pre>${escapeHtml(report.error.message)}</pre></div>`
    );
  }
  for (const { check, reason } of report.checksNotRun ?? [])
    parts.push(`<p class="warning">Not run: ${code(check)}, a check of this variant: ${escapeHtml(reason)}.</p>`);
  parts.push("</header>");
  return parts.join("\n");
}
function stepsHtml(report) {
  const rows = [];
  const { interpreter, cell } = report;
  if (interpreter) {
    const build = interpreter.build;
    const phases = interpreter.cacheHit === "none" && build ? describeBuildPhases(build) : "";
    const size = build?.installedBytes !== void 0 ? ` \xB7 ${(build.installedBytes / 1e6).toFixed(0)} MB installed` : "";
    rows.push([
      "Interpreter",
      `${escapeHtml(`${describeCacheHit(interpreter.cacheHit)} in ${interpreter.seconds.toFixed(1)} s${phases}${size}`)} \xB7 ${code(interpreter.pythonPath)}${interpreter.rebuildReason ? ` \xB7 the cached builds did not fit: ${escapeHtml(interpreter.rebuildReason)}` : ""}`
    ]);
    if (interpreter.sysVersion) rows.push(["Python", escapeHtml(interpreter.sysVersion)]);
  }
  if (cell) rows.push(["Configure", `${code(cell.configureArgs.join(" "))} \xB7 ABI flags ${code(interpreter?.abiflags ?? cell.abiFlags)}`]);
  for (const extension of report.extensions) {
    const from = extension.reusedFrom && extension.reusedFrom.cell !== cell?.id ? ` (built by the ${escapeHtml(extension.reusedFrom.cell)} run)` : "";
    const buildEnv = Object.entries(extension.buildEnv ?? {}).map(([name, value]) => code(`${name}=${value}`));
    rows.push([
      "Extension",
      `${code(extension.path)} ${extension.reused ? "reused" : "built"} for ${escapeHtml(extension.abi)}${from}${extension.builder ? ` with ${escapeHtml(extension.builder)}` : ""} in ${extension.seconds.toFixed(1)} s${buildEnv.length ? ` \xB7 build-env ${buildEnv.join(" ")}` : ""}`
    ]);
  }
  const { refleaks } = report;
  if (refleaks) {
    if (refleaks.runner)
      rows.push([
        "Test runner",
        escapeHtml(`${refleaks.runner.name}${refleaks.runner.version ? ` ${refleaks.runner.version}` : ""}: ${refleaks.runner.reason}`)
      ]);
    const ran = refleaks.tests.filter(ranATestCase).length;
    rows.push([
      "Refleak hunt",
      `${code(refleaks.command.join(" "))} (${refleaks.warmups} warm-ups, ${refleaks.runs} counted runs) on ${plural2(refleaks.tests.length, "test file")}${ran < refleaks.tests.length ? ` (${refleaks.tests.length - ran} ran no test case)` : ""}: ${escapeHtml(refleaks.state ?? (refleaks.log ? `exit ${refleaks.exitCode}` : "not run"))}`
    ]);
  }
  if (report.memcheck) {
    const { totals } = report.memcheck;
    rows.push([
      "Memcheck",
      escapeHtml(
        `${report.memcheck.valgrind}: ${plural2(totals.userErrors, "error")} in the extension's code, ${totals.errors - totals.userErrors} inside CPython or the system, ${totals.suppressed} suppressed, over ${plural2(totals.processes, "process", "processes")}`
      )
    ]);
  }
  if (report.sanitizers) {
    const { sanitizers } = report;
    const instrumented = sanitizers.instrumentation.map((entry) => `${code(entry.path)} <span class="${entry.instrumented ? 'good">instrumented' : 'bad">not instrumented'}</span>`).join("<br>");
    rows.push([
      escapeHtml(sanitizers.tool),
      `${instrumented || "no extension"} \xB7 ${sanitizers.notRun ? escapeHtml(`not run: ${sanitizers.notRun}`) : `reports in ${code(sanitizers.reportsDir)}`}`
    ]);
  }
  if (report.cpythonTests)
    rows.push([
      "CPython's tests",
      `${code(report.cpythonTests.selection)}: ${escapeHtml(report.cpythonTests.state ?? `did not finish (exit ${report.cpythonTests.exitCode})`)}`
    ]);
  if (report.testCommand) {
    const { testCommand } = report;
    rows.push([
      "Test command",
      `${code(testCommand.command)}: ${escapeHtml(testCommand.summary ?? "no test result pydebug could read")} \xB7 ${escapeHtml(testCommand.timedOut ? "stopped at test-command-timeout" : testCommand.signal ? `killed by ${testCommand.signal}` : `exit ${testCommand.exitCode}`)}`
    ]);
  }
  if (cell && Object.keys(cell.runtimeEnv).length)
    rows.push([
      "Runtime env",
      Object.entries(cell.runtimeEnv).map(([name, value]) => code(`${name}=${value}`)).join(" ")
    ]);
  if (rows.length === 0) return "";
  return section(
    "steps",
    "Cell",
    '<table class="steps">',
    ...rows.map(([step, result]) => `<tr><th scope="row">${step}</th><td>${result}</td></tr>`),
    "</table>"
  );
}
function whereHtml(where) {
  const place = where.file ? code(`${where.file}${where.line ? `:${where.line}` : ""}`) : "";
  const inFunction = where.function ? `${place ? " in " : ""}${code(where.function)}` : "";
  return `${place}${inFunction}`;
}
function findingsHtml(findings) {
  if (findings.length === 0) return "";
  const rows = findings.map((finding, index) => [
    number2(index + 1),
    { html: finding.case ?? finding.test ? code(finding.case ?? finding.test ?? "") : "" },
    text2(FINDING_KINDS[finding.kind].label),
    text2(findingCause(finding) ?? ""),
    { html: whereHtml(finding) },
    { html: finding.deltas ? escapeHtml(`[${finding.deltas.join(", ")}]`) : "" },
    number2(finding.sum ?? finding.deltas?.reduce((total, delta) => total + delta, 0)),
    text2(finding.pass ? PASS_LABEL[finding.pass] : ""),
    { html: code(finding.log) }
  ]);
  return section(
    "findings-section",
    "Findings",
    table(
      "findings",
      [
        { label: "#", numeric: true },
        { label: "Test" },
        { label: "Finding" },
        { label: "What" },
        { label: "Where" },
        { label: "Deltas per run", nowrap: true },
        { label: "Sum", numeric: true },
        { label: "Seen in" },
        { label: "Log" }
      ],
      rows,
      "findings"
    )
  );
}
function leaksHtml(tests) {
  if (tests.length === 0) return "";
  const kinds = leakKinds(tests);
  const columns = [
    { label: "Test" },
    ...kinds.flatMap((kind) => [
      { label: `${FINDING_KINDS[kind].label} per run`, nowrap: true },
      { label: "Sum", numeric: true }
    ])
  ];
  const rows = tests.map((test) => [
    { html: code(test.test) },
    ...kinds.flatMap((kind) => {
      const series = test.series.find((candidate) => candidate.kind === kind);
      return series ? [text2(`[${series.deltas.join(", ")}]`), number2(series.sum)] : [text2(""), text2("")];
    })
  ]);
  const charted = tests.slice(0, MAX_LEAK_CHARTS);
  const charts = charted.map((test) => `<figure>
${renderLeakChartSvg(test, escapeHtml)}
<figcaption>${code(test.test)}</figcaption>
</figure>`);
  return section(
    "leaks",
    "Leaking tests",
    table("leaking-tests", columns, rows, "leaking tests"),
    `<h3>Growth over the counted runs${charted.length < tests.length ? ` (the ${charted.length} largest of ${tests.length})` : ""}</h3>`,
    '<div class="charts">',
    ...charts,
    "</div>"
  );
}
function testFilesHtml(report) {
  const { refleaks } = report;
  if (!refleaks?.tests.length) return "";
  const atExit = new Map(report.showrefcount?.files.map((file) => [file.name, file.atExit]));
  const rows = refleaks.tests.map((test) => {
    const exit = atExit.get(test.name);
    const verdict2 = [
      escapeHtml(test.result ?? test.outcome),
      ...test.leaks.map((leak) => escapeHtml(`leaked [${leak.deltas.join(", ")}] ${leak.kind}, sum ${leak.sum}`)),
      ...test.fatalError ? [code(`Fatal Python error: ${test.fatalError}`)] : [],
      ...test.exception && !test.fatalError ? [code(test.exception)] : []
    ];
    const cases = (test.cases ?? []).map(
      (testCase) => `<span class="outcome-${escapeHtml(testCase.outcome)}">${escapeHtml(testCase.outcome)}</span> ${code(testCase.id)}`
    );
    return [
      { html: code(test.name) },
      text2(test.outcome),
      { html: verdict2.join("<br>") },
      { html: cases.join("<br>") || "\u2014" },
      number2(exit?.refs),
      number2(exit?.blocks)
    ];
  });
  return section(
    "tests",
    "Test files",
    table(
      "test-files",
      [
        { label: "Test file" },
        { label: "Outcome" },
        { label: refleaks.runner?.name === "pytest" ? "pytest + pydebug_refleak" : "regrtest -R" },
        { label: "Cases" },
        { label: "Refs at exit", numeric: true },
        { label: "Blocks at exit", numeric: true }
      ],
      rows,
      "test files"
    )
  );
}
function memcheckHtml(memcheck) {
  const rows = memcheck.files.flatMap(
    (file) => file.errors.map((error) => [
      { html: code(file.name) },
      { html: error.case ? code(error.case) : "" },
      text2(error.kind),
      text2(error.what),
      number2(error.count),
      { html: whereHtml(error) },
      { html: code(error.xml) }
    ])
  );
  const suppressions = memcheck.suppressions.file ? code(memcheck.suppressions.file) : escapeHtml(memcheck.suppressions.note ?? "none");
  return section(
    "memcheck",
    "Valgrind memcheck",
    `<p>${escapeHtml(memcheck.valgrind)} over ${plural2(memcheck.totals.files, "test file")}; suppressions: ${suppressions}.</p>`,
    rows.length ? table(
      "memcheck-errors",
      [
        { label: "Test file" },
        { label: "Case" },
        { label: "Kind" },
        { label: "What" },
        { label: "Count", numeric: true },
        { label: "Where (your code)" },
        { label: "XML" }
      ],
      rows,
      "errors"
    ) : "<p>No error in the extension's code.</p>"
  );
}
function sanitizersHtml(sanitizers) {
  const rows = sanitizers.files.flatMap(
    (file) => file.reports.map((report) => [
      { html: code(file.name) },
      { html: report.case ? code(report.case) : "" },
      text2(report.kinds.join(", ")),
      number2(report.suppressed.reduce((total, row) => total + row.count, 0)),
      { html: code(report.path) }
    ])
  );
  return section(
    "sanitizers",
    `${sanitizers.tool} reports`,
    sanitizers.notRun ? `<p>${escapeHtml(`Not run: ${sanitizers.notRun}`)}</p>` : "",
    rows.length ? table(
      "sanitizer-reports",
      [{ label: "Test file" }, { label: "Case" }, { label: "Reports" }, { label: "Suppressed", numeric: true }, { label: "Report file" }],
      rows,
      "reports"
    ) : "<p>No report.</p>"
  );
}
function allocationsHtml(allocations) {
  const change = (before, after) => before === void 0 || after === void 0 ? "\u2014" : escapeHtml(`${groupDigits(before)} \u2192 ${groupDigits(after)}`);
  const rows = allocations.files.map((file) => {
    const top = [...file.sizeClasses].filter((row) => row.growth > 0).sort((a, b) => b.growth - a.growth || a.size - b.size).slice(0, SIZE_CLASSES_SHOWN).map((row) => escapeHtml(`${row.size} B: ${row.before} \u2192 ${row.after} (+${row.growth})`));
    return [
      { html: code(file.name) },
      text2(file.outcome),
      { html: change(file.before?.arenas ?? file.before?.allocatedBlocks, file.after?.arenas ?? file.after?.allocatedBlocks) },
      number2(file.growth?.bytesInAllocatedBlocks ?? file.growth?.allocatedBytes),
      { html: top.join("<br>") || "none grew" }
    ];
  });
  return section(
    "allocations",
    "Allocator statistics before and after each test file",
    table(
      "allocations-table",
      [
        { label: "Test file" },
        { label: "Outcome" },
        { label: "Arenas (pymalloc) or allocated blocks (mimalloc), before \u2192 after" },
        { label: "Bytes grown", numeric: true },
        { label: `Size classes that grew most (top ${SIZE_CLASSES_SHOWN})` }
      ],
      rows,
      "test files"
    )
  );
}
function variantChecksHtml(report) {
  const parts = [];
  const { census, countAllocs, gil } = report;
  if (gil) {
    const lines = gil.reenabledBy.map(
      (entry) => `<p class="warning">The GIL was re-enabled to import ${code(entry.module)} (first imported by ${code(entry.test)}).</p>`
    );
    parts.push(
      section(
        "gil",
        "Free-threading",
        ...lines.length ? lines : [
          `<p>${gil.mode === "force-off" ? "The tests ran with PYTHON_GIL=0." : `The GIL stayed disabled in ${plural2(gil.files.length, "test file")}.`}</p>`
        ]
      )
    );
  }
  if (census) {
    const rows = census.files.map((file) => [
      { html: code(file.name) },
      text2(file.outcome),
      { html: file.leakedTypes.map((type) => `${code(type.name)} ${escapeHtml(`[${type.deltas.join(", ")}]`)}`).join("<br>") || "none" }
    ]);
    parts.push(
      section(
        "census",
        `Live objects by type (trace-refs census, ${census.warmups} warm-ups, ${census.runs} counted runs)`,
        table("census-table", [{ label: "Test file" }, { label: "Outcome" }, { label: "Types that grew in every counted run" }], rows, "test files")
      )
    );
  }
  if (countAllocs) {
    const rows = countAllocs.files.map((file) => [
      { html: code(file.name) },
      text2(file.outcome),
      {
        html: file.topGrowth.slice(0, SIZE_CLASSES_SHOWN).map((type) => `${code(type.name)} +${type.growth}`).join("<br>") || "none grew"
      }
    ]);
    parts.push(
      section(
        "count-allocs",
        "Allocations per type (COUNT_ALLOCS)",
        table("count-allocs-table", [{ label: "Test file" }, { label: "Outcome" }, { label: "Types whose live count grew most" }], rows, "test files")
      )
    );
  }
  return parts.join("\n");
}
function cpythonTestsHtml(report) {
  const tests = report.cpythonTests;
  if (!tests) return "";
  const verdicts = Object.entries(CPYTHON_TEST_COUNT_LABELS);
  return section(
    "cpython-tests",
    "CPython's test suite: test files per verdict",
    table(
      "cpython-test-counts",
      verdicts.map(([, label]) => ({ label, numeric: true })),
      [verdicts.map(([verdict2]) => number2(tests.counts[verdict2]))],
      "rows"
    ),
    tests.failed?.length ? `<p>Failed: ${tests.failed.map(code).join(", ")}.</p>` : ""
  );
}
function testCommandHtml(report) {
  const testCommand = report.testCommand;
  if (!testCommand) return "";
  const rows = testCommand.tests.filter((test) => test.outcome === "failed" || test.outcome === "error").map((test) => [
    { html: code(test.id) },
    text2(test.outcome),
    text2(test.message ?? ""),
    { html: test.file ? code(`${test.file}${test.line ? `:${test.line}` : ""}`) : "" }
  ]);
  return section(
    "test-command",
    "Test command",
    `<p>${code(testCommand.argv.join(" "))}${testCommand.running ? ` \xB7 running ${code(testCommand.running)} when it stopped` : ""}</p>`,
    rows.length ? table("test-command-failures", [{ label: "Test" }, { label: "Outcome" }, { label: "Message" }, { label: "Where" }], rows, "failures") : ""
  );
}
function tracebacksHtml(findings) {
  const traced = findings.slice(0, HTML_ROWS_SHOWN).filter((finding) => finding.traceback?.length);
  if (traced.length === 0) return "";
  return section(
    "tracebacks",
    "Tracebacks",
    ...traced.map(
      (finding) => `<details><summary>${code(finding.case ?? finding.test ?? finding.kind)}</summary><pre>${escapeHtml((finding.traceback ?? []).join("\n"))}</pre></details>`
    )
  );
}
function logsHtml(report) {
  if (report.logs.length === 0) return "";
  const rows = report.logs.map((log) => [
    { html: code(log.path) },
    text2(log.kind),
    number2(log.lines),
    number2(log.unparsed.count),
    text2(log.cut ? describeLogCut(log.cut) : "")
  ]);
  const notes = (report.problems ?? []).filter((problem) => problem.severity === "note").length;
  return section(
    "logs",
    "Logs",
    table(
      "logs-table",
      [{ label: "Log" }, { label: "Kind" }, { label: "Lines", numeric: true }, { label: "Not parsed", numeric: true }, { label: "Incomplete" }],
      rows,
      "logs"
    ),
    notes ? `<p>${escapeHtml(`${plural2(notes, "problem")} seen in the logs are not the extension's (e.g. CPython's own): listed in report.json's problems.`)}</p>` : ""
  );
}
var STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa; --bad: #cf222e; --good: #1a7f37;
  --warn: #9a6700; --bar: #4c78a8; --total: #e45756; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --head: #151b23; --bad: #ff7b72;
  --good: #3fb950; --warn: #d29922; --bar: #6b9bd2; --total: #ff8a80; }
}
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--head); border: 1px solid var(--line); padding: 8px 12px; overflow-x: auto; white-space: pre-wrap; }
.status { font-size: 16px; font-weight: 600; margin: 4px 0; }
.outcome-passed, .good { color: var(--good); } .outcome-leaked, .outcome-failed, .outcome-crashed, .bad { color: var(--bad); font-weight: 600; }
.status-clean { color: var(--good); }
.status-findings, .status-build-failed, .status-extension-failed, .status-error { color: var(--bad); }
.status-nothing-tested, .status-cancelled, .warning { color: var(--warn); }
.error { border-left: 4px solid var(--bad); padding-left: 12px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\2191"; color: var(--fg); }
th[aria-sort="descending"] button::after { content: " \\2193"; color: var(--fg); }
.number { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
table.steps th { width: 140px; background: var(--head); }
.more { color: var(--muted); }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); padding: 8px; max-width: 100%; overflow-x: auto; }
figcaption { color: var(--muted); margin-top: 4px; }
svg.leak-chart { font: 11px system-ui, sans-serif; fill: var(--fg); }
svg .chart-title { font-size: 12px; font-weight: 600; }
svg .axis, svg .zero { stroke: var(--muted); stroke-width: 1; }
svg .bar { fill: var(--bar); }
svg polyline.total { fill: none; stroke: var(--total); stroke-width: 2; }
svg circle.total { fill: var(--total); }
svg .tick, svg .legend { fill: var(--muted); }
details { margin: 4px 0; } summary { cursor: pointer; }
`;
var SORT_SCRIPT = `
(() => {
  const valueOf = (row, column) => {
    const cell = row.cells[column];
    if (!cell) return '';
    return cell.dataset.sort !== undefined ? Number(cell.dataset.sort) : cell.textContent.trim();
  };
  // Empty cells stay last either way; numbers before text.
  const compare = (x, y) => {
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number' || typeof y === 'number') return typeof x === 'number' ? -1 : 1;
    return x.localeCompare(y, undefined, { numeric: true });
  };
  const sortBy = (table, column, descending) => {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const x = valueOf(a, column);
      const y = valueOf(b, column);
      if (x === '' || y === '') return (x === '') - (y === '');
      return descending ? -compare(x, y) : compare(x, y);
    });
    for (const row of rows) body.appendChild(row);
    const headers = table.tHead.rows[0].cells;
    for (const header of headers) header.removeAttribute('aria-sort');
    headers[column].setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  };
  const tables = document.querySelectorAll('table.sortable');
  for (const table of tables) {
    Array.from(table.tHead.rows[0].cells).forEach((header, column) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = header.textContent;
      header.textContent = '';
      header.appendChild(button);
      button.addEventListener('click', () => sortBy(table, column, header.getAttribute('aria-sort') === 'ascending'));
    });
    table.dataset.sortable = 'ready';
  }
  const wanted = /^#sort=([\\w-]+):(\\d+):(asc|desc)$/.exec(decodeURIComponent(location.hash));
  const target = wanted && document.getElementById(wanted[1]);
  if (target && target.matches('table.sortable') && Number(wanted[2]) < target.tHead.rows[0].cells.length) sortBy(target, Number(wanted[2]), wanted[3] === 'desc');
  document.body.dataset.sortableTables = String(tables.length);
})();
`;

// src/version.ts
var TOOL_VERSION = "0.1.0";

// src/steps/build-extension.ts
import path15 from "node:path";

// src/plan/command-line.ts
var NAME_START = /[A-Za-z_]/;
var NAME_CHAR = /[A-Za-z0-9_]/;
var OPERATORS = {
  ";": "runs a second command",
  "&": "runs a command in the background or chains commands (&&)",
  "|": "pipes into or chains commands (|, ||)",
  "<": "redirects input",
  ">": "redirects output",
  "(": "starts a subshell",
  ")": "ends a subshell",
  "`": "substitutes a command",
  "*": "expands a file name pattern (glob)",
  "?": "expands a file name pattern (glob)"
};
function splitCommandLine(text3) {
  const words = [];
  let parts;
  let literal = "";
  const fail = (problem) => ({ ok: false, problem });
  const at = (index) => `at character ${index + 1}`;
  const flushLiteral = () => {
    if (literal !== "") (parts ??= []).push({ text: literal });
    literal = "";
  };
  const endWord = () => {
    flushLiteral();
    if (parts) words.push(parts);
    parts = void 0;
  };
  const variableAt = (index) => {
    const next = text3[index + 1];
    if (next === "(") return `'$(' ${at(index)} substitutes a command`;
    if (next === "{") {
      const close = text3.indexOf("}", index + 2);
      const name = close < 0 ? "" : text3.slice(index + 2, close);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `'\${' ${at(index)} is not a plain \${NAME} reference (no shell runs the command to do more)`;
      flushLiteral();
      (parts ??= []).push({ variable: name });
      return close + 1;
    }
    if (next !== void 0 && NAME_START.test(next)) {
      let end = index + 2;
      while (end < text3.length && NAME_CHAR.test(text3[end])) end++;
      flushLiteral();
      (parts ??= []).push({ variable: text3.slice(index + 1, end) });
      return end;
    }
    return `'$' ${at(index)} is not followed by a variable name (write '\\$' or '\\'$\\'' for a literal dollar sign)`;
  };
  const trimmed = text3.trim();
  const offset = text3.indexOf(trimmed);
  for (let index = offset; index < offset + trimmed.length; ) {
    const character = text3[index];
    if (character === " " || character === "	") {
      endWord();
      index++;
    } else if (character === "\n" || character === "\r") {
      return fail(`a line break ${at(index)} starts a second command`);
    } else if (character === "'") {
      const close = text3.indexOf("'", index + 1);
      if (close < 0) return fail(`the single quote ${at(index)} is never closed`);
      parts ??= [];
      literal += text3.slice(index + 1, close);
      index = close + 1;
    } else if (character === '"') {
      parts ??= [];
      let end = index + 1;
      for (; ; ) {
        if (end >= text3.length) return fail(`the double quote ${at(index)} is never closed`);
        const inside = text3[end];
        if (inside === '"') break;
        if (inside === "\\" && end + 1 < text3.length && '$`"\\'.includes(text3[end + 1])) {
          literal += text3[end + 1];
          end += 2;
        } else if (inside === "`") {
          return fail(`'\`' ${at(end)} substitutes a command`);
        } else if (inside === "$") {
          const after = variableAt(end);
          if (typeof after === "string") return fail(after);
          end = after;
        } else {
          literal += inside;
          end++;
        }
      }
      index = end + 1;
    } else if (character === "\\") {
      if (index + 1 >= text3.length) return fail(`the backslash ${at(index)} escapes nothing`);
      literal += text3[index + 1];
      parts ??= [];
      index += 2;
    } else if (character === "$") {
      const after = variableAt(index);
      if (typeof after === "string") return fail(after);
      index = after;
    } else if (character === "#" && parts === void 0 && literal === "") {
      return fail(`'#' ${at(index)} starts a comment`);
    } else if (OPERATORS[character]) {
      return fail(`'${character}' ${at(index)} ${OPERATORS[character]}`);
    } else {
      literal += character;
      index++;
    }
  }
  endWord();
  if (words.length === 0) return fail("it is empty");
  return { ok: true, command: { text: trimmed, words } };
}
function commandVariables(command) {
  const names = command.words.flatMap((word) => word.flatMap((part) => "variable" in part ? [part.variable] : []));
  return [...new Set(names)];
}
function expandCommand(command, variables) {
  const missing = commandVariables(command).filter((name) => variables[name] === void 0);
  if (missing.length) return { ok: false, missing };
  return { ok: true, argv: command.words.map((word) => word.map((part) => "variable" in part ? variables[part.variable] : part.text).join("")) };
}
function formatArgv(argv) {
  return argv.map((word) => /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`).join(" ");
}

// src/config/build-env.ts
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function parseBuildEnv(given, inputName2) {
  const entries = given === void 0 ? [] : typeof given === "string" ? given.split(/\r?\n/) : given;
  const env = {};
  for (const [index, raw] of entries.entries()) {
    const entry = typeof given === "string" ? raw.trim() : raw;
    if (typeof given === "string" && (entry === "" || entry.startsWith("#"))) continue;
    const where = typeof given === "string" ? `line ${index + 1}` : `entry ${index + 1}`;
    const equals = entry.indexOf("=");
    const name = equals < 0 ? entry : entry.slice(0, equals);
    if (equals < 0 || !NAME.test(name)) {
      throw new ConfigError(
        `${inputName2} ${where} '${entry}' is not allowed: expected NAME=value where NAME is an environment variable name (letters, digits and _, not starting with a digit), e.g. CC=clang or LDFLAGS=-lstdc++.`
      );
    }
    if (name in env) throw new ConfigError(`${inputName2} ${where} sets ${name} a second time; give each variable once.`);
    env[name] = entry.slice(equals + 1);
  }
  return env;
}
var CREDENTIAL_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|PRIVATE_?KEY|AUTH/i;
var URL_PASSWORD = /\/\/[^/@:\s]*:([^/@\s]+)@/g;
var HIDDEN_VALUE = "***";
function buildEnvCredentials(env) {
  const found = Object.entries(env).flatMap(([name, value]) => [
    ...CREDENTIAL_NAME.test(name) ? [value] : [],
    ...[...value.matchAll(URL_PASSWORD)].map((match) => match[1])
  ]);
  return [...new Set(found.filter((value) => value !== ""))].sort((a, b) => b.length - a.length);
}
function hideCredentials(text3, credentials) {
  return credentials.reduce((hidden, credential) => hidden.replaceAll(credential, HIDDEN_VALUE), text3);
}

// src/plan/extension-build.ts
var EXTENSION_COMPILER_ENV = [
  // setuptools' customize_compiler (setuptools/_distutils/sysconfig.py) replaces sysconfig's CC, CXX,
  // CPP, LDSHARED and LDCXXSHARED with these, appends the *FLAGS to the compile and link commands,
  // and takes AR, ARFLAGS and RANLIB for static libraries.
  "CC",
  "CXX",
  "CPP",
  "LDSHARED",
  "LDCXXSHARED",
  "CFLAGS",
  "CXXFLAGS",
  "CPPFLAGS",
  "LDFLAGS",
  "AR",
  "ARFLAGS",
  "RANLIB",
  // macOS: _osx_support rewrites every -arch flag from ARCHFLAGS; distutils.util reads the deployment target.
  "ARCHFLAGS",
  "MACOSX_DEPLOYMENT_TARGET",
  // Read by gcc and clang themselves: extra header and library folders, which can hold another Python's headers.
  "CPATH",
  "C_INCLUDE_PATH",
  "CPLUS_INCLUDE_PATH",
  "LIBRARY_PATH"
];
var COMPILER_COMMAND_ENV = ["CC", "CXX"];
var PYTHON_REDIRECT_ENV = [
  "PYTHONPATH",
  "PYTHONHOME",
  "PYTHONUSERBASE",
  "PYTHONPLATLIBDIR",
  "PYTHONEXECUTABLE",
  // Drops setup.py's own folder from sys.path: a setup.py importing a helper module beside it fails.
  "PYTHONSAFEPATH",
  // Tools a setup.py calls (pip's checks, maturin, uv) take it as the environment to build for.
  "VIRTUAL_ENV",
  // CPython's cross-build hooks: sysconfig would describe another interpreter's build.
  "_PYTHON_SYSCONFIGDATA_NAME",
  "_PYTHON_HOST_PLATFORM",
  "_PYTHON_PROJECT_BASE"
];
function planExtensionBuildEnv(inherited, cellBuildEnv) {
  const removed = PYTHON_REDIRECT_ENV.filter((name) => inherited[name] !== void 0 && !(name in cellBuildEnv));
  const effective = { ...inherited, ...cellBuildEnv };
  const compilerEnv = {};
  for (const name of EXTENSION_COMPILER_ENV) {
    const value = effective[name];
    if (value !== void 0) compilerEnv[name] = value;
  }
  return { overrides: { ...Object.fromEntries(removed.map((name) => [name, void 0])), ...cellBuildEnv }, compilerEnv, removed };
}
function interpreterCompilerOf(record) {
  return record.keyInputs?.platform.compiler ?? compilerFromSysVersion(record.probe?.version);
}
function planExtensionBuildKey(inputs) {
  const digest = sha256Hex(
    JSON.stringify({
      sourceDigest: inputs.sourceDigest,
      compilerEnv: Object.entries(inputs.compilerEnv).sort(),
      compilerVersions: Object.entries(inputs.compilerVersions).sort(),
      // The fingerprint and the compiler replace the interpreter's key: a pydebug build serves a valgrind interpreter.
      ...inputs.abiFingerprint !== void 0 ? { abiFingerprint: inputs.abiFingerprint, interpreterCompiler: inputs.interpreterCompiler ?? null } : { interpreterKey: inputs.interpreterKey },
      // Only when given, so the keys of builds without them stay what they were.
      ...inputs.buildEnv && Object.keys(inputs.buildEnv).length ? { buildEnv: Object.entries(inputs.buildEnv).sort() } : {},
      ...inputs.buildCommand !== void 0 ? { buildCommand: inputs.buildCommand } : {}
    })
  ).slice(0, 16);
  return `${inputs.project}-${inputs.abi}-${inputs.python}-${digest}`;
}

// src/steps/interpreter-path.ts
import path14 from "node:path";
var INTERPRETER_NAMES = ["python", "python3"];
async function pathWithInterpreter(context, interpreter, inheritedPath) {
  const linkDir = path14.join(context.cacheDir, "bin", interpreter.cacheKey);
  await ensureDir(linkDir);
  for (const name of INTERPRETER_NAMES) await replaceWithSymlink(interpreter.pythonPath, path14.join(linkDir, name));
  return [linkDir, path14.join(interpreter.prefix, "bin"), inheritedPath].filter((part) => part !== void 0 && part !== "").join(path14.delimiter);
}

// src/steps/build-extension.ts
var BUILD_ERROR_TAIL_LINES = 20;
var EXTENSION_RECORD_FILE = "pydebug-extension.json";
function extensionSourceCopy(build) {
  return path15.join(path15.dirname(build.sitePath), "src");
}
var SITE_ENV = "PYDEBUG_SITE";
var PYTHON_ENV = "PYDEBUG_PYTHON";
var NOT_SOURCE = /* @__PURE__ */ new Set(["build", "dist", ".git", ".hg", "__pycache__", "node_modules", ".tox", ".nox", ".venv", "venv", "pydebug-out", ".pydebug-action"]);
function isBuildOutput(relativePath, isDirectory) {
  const name = relativePath.split("/").pop();
  if (isDirectory) return NOT_SOURCE.has(name) || name.endsWith(".egg-info");
  return /\.(so|pyd|o|obj|pyc|dylib)$/.test(name);
}
function notSourceIn(projectDir, ownFolders) {
  const inside = new Set(
    ownFolders.map((folder) => path15.relative(path15.resolve(projectDir), path15.resolve(folder))).filter((relative) => relative !== "" && !relative.startsWith("..") && !path15.isAbsolute(relative)).map((relative) => relative.split(path15.sep).join("/"))
  );
  return (relativePath, isDirectory) => isBuildOutput(relativePath, isDirectory) || isDirectory && inside.has(relativePath);
}
async function ensureExtension(context, cell, interpreter, projectDir, { rebuild: rebuild2, buildEnv: userBuildEnv = {}, buildCommand: buildCommand2 }) {
  const started = Date.now();
  const fingerprint = interpreter.abiFingerprint;
  const variantEnv = { ...cell.buildEnv, ...userBuildEnv };
  const abiCflags = extensionAbiCflags(cell.buildEnv, fingerprint);
  if (abiCflags.length) variantEnv.CFLAGS = [variantEnv.CFLAGS ?? context.env.CFLAGS, ...abiCflags].filter((part) => part).join(" ");
  const buildEnv = planExtensionBuildEnv(context.env, variantEnv);
  const notSource = notSourceIn(projectDir, [context.cacheDir, context.outDir]);
  const inputs = {
    project: path15.basename(projectDir),
    abi: fingerprint?.label ?? cell.extensionAbi,
    python: cell.python.text,
    sourceDigest: await hashTree(projectDir, notSource),
    compilerEnv: buildEnv.compilerEnv,
    compilerVersions: await compilerVersions(context, buildEnv.compilerEnv),
    // What the build depends on in the interpreter: its ABI (macros, sanitizers, SOABI) and the compiler sysconfig names.
    ...fingerprint ? { abiFingerprint: describeAbiFingerprint(fingerprint), ...optional2("interpreterCompiler", interpreterCompilerOf(interpreter.record)) } : { interpreterKey: interpreter.cacheKey },
    ...Object.keys(userBuildEnv).length ? { buildEnv: userBuildEnv } : {},
    ...buildCommand2 ? { buildCommand: buildCommand2.text } : {}
  };
  const key = planExtensionBuildKey(inputs);
  const credentials = buildEnvCredentials(userBuildEnv);
  const shown = (text3) => hideCredentials(text3, credentials);
  const shownBuildEnv = Object.fromEntries(Object.entries(userBuildEnv).map(([name, value]) => [name, shown(value)]));
  const shownInputs = inputs.buildEnv ? { ...inputs, buildEnv: shownBuildEnv } : inputs;
  const buildRoot = path15.join(context.cacheDir, "extensions", key);
  const sitePath = path15.join(buildRoot, "site");
  const recordPath = path15.join(buildRoot, EXTENSION_RECORD_FILE);
  const environment = { compilerEnv: inputs.compilerEnv, compilerVersions: inputs.compilerVersions, buildEnv: shownBuildEnv, key };
  if (!rebuild2) {
    const previous = await readJsonIfPresent(recordPath);
    if (previous?.key === key) {
      const reused = {
        projectDir,
        abi: inputs.abi,
        sitePath,
        reused: true,
        seconds: (Date.now() - started) / 1e3,
        ...environment,
        // What the record says it was built for, not what the key promises: checkExtensionAbi compares it with the interpreter.
        ...previous.builtFor ? { builtFor: previous.builtFor } : {},
        removedEnv: previous.removedEnv ?? [],
        builder: previous.builder ?? "setuptools",
        ...previous.command ? { command: previous.command } : {},
        ...previous.builtBy ? { reusedFrom: { ...previous.builtBy, builtAt: previous.builtAt } } : {}
      };
      checkExtensionAbi(reused, interpreter, cell);
      const from = previous.builtBy && previous.builtBy.cell !== cell.id ? `, made by a ${previous.builtBy.cell} run` : "";
      context.log.info(
        `extension ${inputs.project}: reusing the ${inputs.abi} build of the same sources, compiler settings and interpreter ABI (${previous.modules.join(", ")}${from})`
      );
      return reused;
    }
    const reason = explainExtensionRebuild(shownInputs, await readEarlierBuilds(context.cacheDir, projectDir, inputs));
    if (reason) context.log.info(`extension ${inputs.project}: not reusing the earlier ${inputs.abi} build: ${reason}`);
  }
  const log = logPath(context, `extension-${path15.basename(projectDir)}-${inputs.abi}.log`);
  await removeTree(buildRoot);
  const sourceCopy = extensionSourceCopy({ sitePath });
  await copyTree(projectDir, sourceCopy, notSource);
  await ensureDir(sitePath);
  const python = interpreter.pythonPath;
  const commandEnv = {
    ...buildEnv.overrides,
    PATH: await pathWithInterpreter(context, interpreter, buildEnv.overrides.PATH ?? context.env.PATH),
    [SITE_ENV]: sitePath,
    [PYTHON_ENV]: python
  };
  const run = async (what, spec) => {
    const result = await context.runner.run({ ...spec, cwd: sourceCopy, logPath: log, env: { ...commandEnv, ...spec.env } });
    return { ok: result.exitCode === 0, describe: `${what}: ${describeExit(result)}` };
  };
  const failure = async (describe) => {
    const tail = await tailLines(log, BUILD_ERROR_TAIL_LINES);
    return new ExtensionBuildError(
      `building ${projectDir} against CPython ${cell.python.text} (${cell.variant}) failed (${describe}); full log: ${log}
${tail.map((line) => `  | ${line}`).join("\n")}`,
      log
    );
  };
  let builder = "setuptools";
  let command;
  await context.log.group(`Build extension ${path15.basename(projectDir)} for ${inputs.abi}`, async () => {
    if (buildCommand2) {
      builder = "build-command";
      const expanded = expandCommand(buildCommand2, mergeEnv(context.env, commandEnv));
      if (!expanded.ok) {
        throw new ConfigError(
          `build-command '${buildCommand2.text}' refers to ${expanded.missing.map((name) => `$${name}`).join(", ")}, which ${expanded.missing.length === 1 ? "is" : "are"} not set; pydebug sets $${SITE_ENV} and $${PYTHON_ENV}.`
        );
      }
      command = expanded.argv;
      const built3 = await run("build-command", { argv: command });
      if (!built3.ok) throw await failure(`${built3.describe}, running ${shown(formatArgv(command))}`);
      return;
    }
    const backend = await buildBackend(sourceCopy);
    if (backend.kind === "none") {
      throw new ExtensionBuildError(
        `${projectDir} has neither a setup.py nor a pyproject.toml with a [build-system] build-backend: pydebug cannot tell how to build it. Add one, or give build-command (e.g. 'python -m pip install --no-build-isolation --no-deps --target $${SITE_ENV} .').`
      );
    }
    if (backend.kind === "other") {
      builder = "pep517-pip";
      const importable = backend.module === void 0 ? { ok: true, describe: "" } : await run(`import ${backend.module}`, { argv: [python, "-c", `import ${backend.module}`] });
      if (!importable.ok) {
        throw new ExtensionBuildError(
          `${projectDir} builds with the PEP 517 backend '${backend.name}' (pyproject.toml), which the debug interpreter cannot import (${importable.describe}). pydebug builds such projects with 'pip install --no-build-isolation', so the backend and the other [build-system] requires must be installed into the debug interpreter first: run '${python} -m pip install ${backend.requires.join(" ") || backend.name}' (offline: PIP_NO_INDEX=1 PIP_FIND_LINKS=<folder of wheels>), or give build-command. Log: ${log}`,
          log
        );
      }
      command = [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-build-isolation", "--no-deps", "--target", sitePath, "."];
      const built3 = await run(`pip install (${backend.name})`, { argv: command });
      if (!built3.ok) throw await failure(built3.describe);
      return;
    }
    const hasSetuptools = await run("import setuptools", { argv: [python, "-c", "import setuptools"] });
    if (!hasSetuptools.ok) {
      const installed = await run("pip install setuptools", { argv: [python, "-m", "pip", "install", "--disable-pip-version-check", "setuptools"] });
      if (!installed.ok) {
        throw new ExtensionBuildError(
          `setuptools is missing from the debug interpreter and pip could not install it (${installed.describe}); on an offline machine set PIP_NO_INDEX=1 and PIP_FIND_LINKS to a folder of wheels. Log: ${log}`,
          log
        );
      }
    }
    const setupArgs = ["build", "--build-base", path15.join(buildRoot, "build"), "--build-lib", sitePath];
    const argv = backend.kind === "setup.py" ? [python, "setup.py", ...setupArgs] : [python, "-c", "import setuptools; setuptools.setup()", ...setupArgs];
    const built2 = await run("setuptools build", { argv });
    if (!built2.ok) throw await failure(built2.describe);
  });
  const modules = await findExtensionModules(sitePath, interpreter.record.probe.extSuffix);
  if (modules.length === 0) {
    const hint = builder === "build-command" ? `: build-command must install what it builds into $${SITE_ENV} (${sitePath}), e.g. 'python -m pip install --no-build-isolation --no-deps --target $${SITE_ENV} .'` : "";
    throw new ExtensionBuildError(`building ${projectDir} produced no extension module ending in ${interpreter.record.probe.extSuffix}${hint}; see ${log}`, log);
  }
  const built = { builder, ...command ? { command: command.map(shown) } : {} };
  const builtBy = { cell: cell.id, interpreterKey: interpreter.cacheKey };
  const record = {
    key,
    builtAt: (/* @__PURE__ */ new Date()).toISOString(),
    modules,
    projectDir,
    inputs: shownInputs,
    removedEnv: buildEnv.removed,
    ...built,
    ...fingerprint ? { builtFor: fingerprint } : {},
    builtBy
  };
  await writeFileAtomic(recordPath, `${JSON.stringify(record, null, 2)}
`);
  const seconds = (Date.now() - started) / 1e3;
  context.log.info(`extension ${inputs.project}: built ${modules.join(", ")} for ${inputs.abi} in ${seconds.toFixed(1)} s`);
  return {
    projectDir,
    abi: inputs.abi,
    sitePath,
    reused: false,
    seconds,
    logPath: log,
    ...environment,
    removedEnv: buildEnv.removed,
    ...built,
    ...fingerprint ? { builtFor: fingerprint } : {}
  };
}
function checkExtensionAbi(build, interpreter, cell) {
  const wanted = interpreter.abiFingerprint;
  if (!wanted) return;
  const differences = build.builtFor ? abiDifferences(build.builtFor, wanted) : ["its build record does not say which ABI it was built for"];
  if (differences.length === 0) return;
  throw new ExtensionBuildError(
    `the build of ${build.projectDir} in ${path15.dirname(build.sitePath)} was made for another ABI than CPython ${cell.python.text} (${cell.variant})'s: ${differences.join("; ")} (built for ${build.builtFor ? describeAbiFingerprint(build.builtFor) : "an unknown ABI"}, the interpreter is ${describeAbiFingerprint(wanted)}). pydebug refuses to put it on PYTHONPATH, where it would fail to import or corrupt memory: delete ${path15.dirname(build.sitePath)} or run with --rebuild-extensions (input rebuild-extensions: true).`
  );
}
function optional2(name, value) {
  return value === void 0 ? {} : { [name]: value };
}
async function compilerVersions(context, compilerEnv) {
  const versions = {};
  for (const name of COMPILER_COMMAND_ENV) {
    const command = compilerEnv[name]?.trim();
    const version = command ? await compilerVersion(context.runner, command) : void 0;
    if (version) versions[name] = version;
  }
  return versions;
}
async function readEarlierBuilds(cacheDir, projectDir, wanted) {
  const root = path15.join(cacheDir, "extensions");
  const legacyPrefix = `${wanted.project}-${wanted.abi}-${wanted.python}-`;
  const earlier = [];
  for (const name of await listDir(root).catch(() => [])) {
    const record = await readJsonIfPresent(path15.join(root, name, EXTENSION_RECORD_FILE));
    if (!record) continue;
    if (record.inputs ? record.projectDir === projectDir && record.inputs.abi === wanted.abi : name.startsWith(legacyPrefix) && /^[0-9a-f]{16}$/.test(name.slice(legacyPrefix.length))) {
      earlier.push({ builtAt: String(record.builtAt), inputs: record.inputs });
    }
  }
  return earlier.sort((a, b) => b.builtAt.localeCompare(a.builtAt)).map((build) => build.inputs);
}
async function hasFile(directory, name) {
  return (await listDir(directory)).includes(name);
}
async function buildBackend(directory) {
  if (await hasFile(directory, "setup.py")) return { kind: "setup.py" };
  if (!await hasFile(directory, "pyproject.toml")) return { kind: "none" };
  const text3 = await readText(path15.join(directory, "pyproject.toml"));
  const backend = /^\s*build-backend\s*=\s*["']([^"']+)["']/m.exec(text3);
  if (backend === null || backend[1].startsWith("setuptools")) return { kind: "setuptools" };
  const requires = /^\s*requires\s*=\s*\[([^\]]*)\]/m.exec(text3)?.[1].match(/["'][^"']+["']/g)?.map((quoted) => quoted.slice(1, -1)) ?? [];
  if (/^\s*backend-path\s*=/m.test(text3)) return { kind: "other", name: backend[1], requires };
  return { kind: "other", name: backend[1], module: backend[1].split(":")[0], requires };
}
async function findExtensionModules(sitePath, extSuffix) {
  const entries = await listTree(sitePath);
  return entries.filter((entry) => extSuffix ? entry.endsWith(extSuffix) : /\.(so|pyd)$/.test(entry)).sort();
}

// src/steps/run-cpython-tests.ts
import path18 from "node:path";

// src/parse/regrtest-junit.ts
var ROOT = /<testsuites\b([^>]*)>/;
var SUITE = /<testsuite\b/g;
var CASE = /<testcase\b([^>]*?)(\/>|>)/g;
var ATTRIBUTE2 = /([\w:-]+)="([^"]*)"/g;
var CHILD = /<(failure|error|skipped)\b/;
function attributes2(text3) {
  const result = {};
  for (const match of text3.matchAll(ATTRIBUTE2)) result[match[1]] = decodeEntities(match[2]);
  return result;
}
var ENTITIES = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
function decodeEntities(text3) {
  return text3.replace(/&(lt|gt|quot|apos|amp);/g, (_, name) => ENTITIES[name]);
}
var count = (text3) => text3 !== void 0 && /^\d+$/.test(text3) ? Number(text3) : 0;
function junitSuiteFile(firstCaseId) {
  const parts = firstCaseId.split(".");
  if (parts[0] === "test" && parts[1]?.startsWith("test_")) return parts[1];
  return parts[0].startsWith("test_") ? parts[0] : void 0;
}
function parseRegrtestJunit(xml) {
  const rootMatch = ROOT.exec(xml);
  const root = rootMatch ? attributes2(rootMatch[1]) : void 0;
  const files = {};
  const totals = { cases: 0, failures: 0, errors: 0, skipped: 0 };
  let unnamedSuites = 0;
  const suiteStarts = [...xml.matchAll(SUITE)].map((match) => match.index);
  suiteStarts.forEach((start, position) => {
    const suite = xml.slice(start, suiteStarts[position + 1] ?? xml.length);
    const cases = [...suite.matchAll(CASE)];
    const file = cases.length ? junitSuiteFile(attributes2(cases[0][1]).name ?? "") : void 0;
    if (cases.length && !file) unnamedSuites++;
    const fileTotals = file ? files[file] ??= { cases: 0, failures: 0, errors: 0, skipped: 0, seconds: 0 } : void 0;
    cases.forEach((match, index) => {
      totals.cases++;
      const seconds = Number(attributes2(match[1]).time);
      if (fileTotals) {
        fileTotals.cases++;
        if (Number.isFinite(seconds)) fileTotals.seconds += seconds;
      }
      if (match[2] !== ">") return;
      const end = suite.indexOf("</testcase>", match.index);
      const next = cases[index + 1]?.index ?? suite.length;
      const child = CHILD.exec(suite.slice(match.index + match[0].length, end < 0 ? next : Math.min(end, next)))?.[1];
      const key = child === "failure" ? "failures" : child === "error" ? "errors" : child === "skipped" ? "skipped" : void 0;
      if (!key) return;
      totals[key]++;
      if (fileTotals) fileTotals[key]++;
    });
  });
  for (const fileTotals of Object.values(files)) fileTotals.seconds = Math.round(fileTotals.seconds * 1e3) / 1e3;
  return {
    ...root ? { totals: { tests: count(root.tests), errors: count(root.errors), failures: count(root.failures) } } : {},
    suites: suiteStarts.length,
    ...totals,
    files,
    unnamedSuites
  };
}

// src/steps/run-tests.ts
import path17 from "node:path";

// src/adapters/read-lines.ts
import { isAscii } from "node:buffer";
import { open as open4 } from "node:fs/promises";

// src/parse/count-allocs.ts
var MAX_COUNT_DUMPS = 100;
var MAX_TYPES = 5e3;
var TYPE_MARKER = " alloc'd: ";
var TYPE_LINE = regExp`^(.+)${TYPE_MARKER}(-?\d+), freed: (-?\d+), max in use: (-?\d+)$`;
var MIN_TYPE_LINE_LENGTH = 38;
var FAST_TUPLE_START = "fast tuple allocs: ";
var FAST_TUPLE = regExp`^${FAST_TUPLE_START}(-?\d+), empty: (-?\d+)$`;
var FAST_INT_START = "fast int allocs: ";
var FAST_INT = regExp`^${FAST_INT_START}pos: (-?\d+), neg: (-?\d+)$`;
var STRINGS_START = "null strings: ";
var STRINGS = regExp`^${STRINGS_START}(-?\d+), 1-strings: (-?\d+)$`;
var GETCOUNTS_STARTS = ["[('", '[("'];
var COUNTS_TUPLE = /\((?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"), (-?\d+), (-?\d+), (-?\d+)\)/g;
var COUNT_ALLOCS_ROUTING = {
  startCharacters: firstCharacters(...GETCOUNTS_STARTS, FAST_TUPLE_START, FAST_INT_START, STRINGS_START),
  markers: [TYPE_MARKER]
};
var CountAllocsParser = class {
  dumps = new BoundedList(MAX_COUNT_DUMPS);
  diagnostics = emptyDiagnostics();
  current;
  currentKept = true;
  next(line, lineNumber) {
    let match;
    if (line.charCodeAt(0) === 91 && (line.startsWith(GETCOUNTS_STARTS[0]) || line.startsWith(GETCOUNTS_STARTS[1])))
      return this.getcounts(line, lineNumber);
    if (line.length >= MIN_TYPE_LINE_LENGTH && line.includes(TYPE_MARKER) && (match = TYPE_LINE.exec(line))) {
      if (this.current?.source !== "at-exit" || this.current.fastTupleAllocs !== void 0) this.start(lineNumber, "at-exit");
      if (this.currentKept) this.addType(this.current, match[1], match[2], match[3], match[4]);
      return true;
    }
    if (line.charCodeAt(0) === 102 && (match = FAST_TUPLE.exec(line))) {
      const dump = this.atExitDump(lineNumber);
      dump.fastTupleAllocs = Number(match[1]);
      dump.emptyTupleAllocs = Number(match[2]);
      return true;
    }
    if (line.charCodeAt(0) === 102 && (match = FAST_INT.exec(line))) {
      const dump = this.atExitDump(lineNumber);
      dump.fastIntAllocsPositive = Number(match[1]);
      dump.fastIntAllocsNegative = Number(match[2]);
      return true;
    }
    if (line.charCodeAt(0) === 110 && (match = STRINGS.exec(line))) {
      const dump = this.atExitDump(lineNumber);
      dump.nullStrings = Number(match[1]);
      dump.oneCharStrings = Number(match[2]);
      this.current = void 0;
      return true;
    }
    return false;
  }
  end() {
    return { dumps: this.dumps.items, droppedDumps: this.dumps.dropped, diagnostics: this.diagnostics };
  }
  getcounts(line, lineNumber) {
    const dump = this.start(lineNumber, "getcounts");
    let matched = 0;
    let consumed = 1;
    COUNTS_TUPLE.lastIndex = 0;
    for (let match = COUNTS_TUPLE.exec(line); match; match = COUNTS_TUPLE.exec(line)) {
      if (match.index !== consumed) break;
      if (this.currentKept) this.addType(dump, (match[1] ?? match[2]).replace(/\\(.)/g, "$1"), match[3], match[4], match[5]);
      matched++;
      consumed = match.index + match[0].length;
      if (line.startsWith(", ", consumed)) consumed += 2;
    }
    if (line.slice(consumed) !== "]") addDiagnostic(this.diagnostics, lineNumber, `sys.getcounts() list cut short after ${matched} entries`);
    this.current = void 0;
    return true;
  }
  atExitDump(lineNumber) {
    return this.current && this.current.source === "at-exit" ? this.current : this.start(lineNumber, "at-exit");
  }
  start(lineNumber, source) {
    this.current = { line: lineNumber, source, types: [], droppedTypes: 0 };
    this.currentKept = this.dumps.push(this.current);
    return this.current;
  }
  addType(dump, name, allocs, frees, maxInUse) {
    if (dump.types.length >= MAX_TYPES) {
      dump.droppedTypes++;
      return;
    }
    const allocCount = Number(allocs);
    const freeCount = Number(frees);
    dump.types.push({ name, allocs: allocCount, frees: freeCount, maxInUse: Number(maxInUse), alive: allocCount - freeCount });
  }
};

// src/parse/fault.ts
var MAX_FAULTS = 100;
var MAX_FRAMES_PER_THREAD = 50;
var MAX_THREADS_PER_FAULT = 100;
var SIGNAL_REASONS = /* @__PURE__ */ new Set(["Segmentation fault", "Bus error", "Illegal instruction", "Floating point exception", "Floating-point exception", "Aborted"]);
var FATAL_START = "Fatal Python error: ";
var FATAL = regExp`^${FATAL_START}(.*)$`;
var WINDOWS_FATAL_START = "Windows fatal exception: ";
var WINDOWS_FATAL = regExp`^${WINDOWS_FATAL_START}(.+)$`;
var TIMEOUT_START = "Timeout (";
var TIMEOUT = regExp`^${TIMEOUT_START}(\d+:\d\d:\d\d(?:\.\d+)?)\)!$`;
var ASSERTION_MARK = ": Assertion ";
var ASSERTION_ENDING = "' failed.";
var ASSERTION = regExp`^(?:[^:\s]+: )?([^:]+):(\d+): ([^:]+)${ASSERTION_MARK}[\`'](.*)${ASSERTION_ENDING}$`;
var RUNTIME_STATE_START = "Python runtime state: ";
var RUNTIME_STATE = regExp`^${RUNTIME_STATE_START}(.+)$`;
var CURRENT_THREAD_START = "Current thread";
var THREAD_START = "Thread";
var THREAD = regExp`^(${CURRENT_THREAD_START}|${THREAD_START}) (0x[0-9a-fA-F]+)(?: \[[^\]]*\])? \(most recent call first\):$`;
var STACK = "Stack (most recent call first):";
var FRAME_START = '  File "';
var FRAME = regExp`^${FRAME_START}(.*)", line (\d+|\?\?\?) in (.*)$`;
var FRAME_SHAPE = regExp`^${FRAME_START}.*?", line (?:\d+|\?\?\?) in .*$`;
var SKIPPED_FRAMES = new RegExp(
  String.raw`(?:${escapeRegExp(FRAME_START)}[^\n\r\u2028\u2029${MARKER_CHARACTER_CLASS}]*?", line (?:\d+|\?\?\?) in [^\n\r\u2028\u2029${MARKER_CHARACTER_CLASS}]*(?:\n|$))+`,
  "y"
);
var EXTENSION_MODULES_START = "Extension modules: ";
var EXTENSION_MODULES = regExp`^${EXTENSION_MODULES_START}(.*?)(?:, \.\.\.)? \(total: (\d+)\)$`;
var OBJECT_FIELD_START = "object ";
var OBJECT_FIELD = regExp`^${OBJECT_FIELD_START}(address|refcount|type|type name|repr) *: (.*)$`;
var GARBAGE_COLLECTING = "Garbage-collecting";
var EXIT_SIGNALS = ["Segmentation fault", "Aborted", "Bus error", "Illegal instruction", "Floating point exception"];
var CORE_DUMPED = " (core dumped)";
var EXIT_SIGNAL = regExp`^(?:.*\s)?(${EXIT_SIGNALS})(?:${CORE_DUMPED})?$`;
var EXIT_SIGNAL_ENDINGS = [...EXIT_SIGNALS, CORE_DUMPED];
var EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit|Interrupt|Iteration)(?:: .*)?$/;
var CHAINED_EXCEPTION = /^(?:The above exception was the direct cause of the following exception|During handling of the above exception, another exception occurred):$/;
var MAX_EXCEPTIONS_PER_FAULT = 5;
var FAULT_ROUTING = {
  startCharacters: firstCharacters(
    FATAL_START,
    RUNTIME_STATE_START,
    CURRENT_THREAD_START,
    THREAD_START,
    TIMEOUT_START,
    STACK,
    EXTENSION_MODULES_START,
    WINDOWS_FATAL_START,
    OBJECT_FIELD_START,
    GARBAGE_COLLECTING
  ),
  endings: [ASSERTION_ENDING, ...EXIT_SIGNAL_ENDINGS]
};
function endsLikeExitSignal(line) {
  for (const ending of EXIT_SIGNAL_ENDINGS) if (line.endsWith(ending)) return true;
  return false;
}
var FaultParser = class {
  faults = new BoundedList(MAX_FAULTS);
  diagnostics = emptyDiagnostics();
  current;
  thread;
  /** `object address  : ...` lines come before the fatal error they explain. */
  pendingObject;
  currentKept = true;
  droppedThread = { current: false, frames: [] };
  /** After a fatal error's runtime state line, until its thread dump: the exception it printed. */
  readingExceptions = false;
  /** Inside a thread traceback or a fatal error's exception: every line matters until it ends. */
  get busy() {
    return this.thread !== void 0 || this.readingExceptions;
  }
  next(line, lineNumber) {
    if (this.readingExceptions) {
      const taken = this.exceptionLine(line);
      if (taken !== void 0) return taken;
    }
    const first = line.charCodeAt(0);
    if (first === 32) return this.frameLine(line, lineNumber);
    let match;
    switch (first) {
      case 70:
        if (match = FATAL.exec(line)) {
          this.startFatal(match[1], lineNumber);
          return true;
        }
        break;
      case 80:
        if (this.current && (match = RUNTIME_STATE.exec(line))) {
          this.current.runtimeState = match[1];
          this.readingExceptions = this.current.kind === "fatal-error" && this.thread === void 0;
          return true;
        }
        break;
      case 67:
      case 84:
        if (match = THREAD.exec(line)) {
          this.startThread(match[2], match[1] === "Current thread", lineNumber);
          return true;
        }
        if (match = TIMEOUT.exec(line)) {
          this.start("timeout", `Timeout (${match[1]})!`, void 0, `timeout after ${match[1]}`, lineNumber);
          return true;
        }
        break;
      case 83:
        if (line === STACK) {
          this.startThread(void 0, true, lineNumber);
          return true;
        }
        break;
      case 69:
        if (this.current && (match = EXTENSION_MODULES.exec(line))) {
          const names = match[1] === "" ? [] : match[1].split(", ");
          this.current.extensionModules = { names, total: Number(match[2]) };
          this.thread = void 0;
          return true;
        }
        break;
      case 87:
        if (match = WINDOWS_FATAL.exec(line)) {
          this.start("signal", line, void 0, match[1], lineNumber);
          return true;
        }
        break;
      case 111:
        if (match = OBJECT_FIELD.exec(line)) {
          this.pendingObject ??= {};
          if (Object.keys(this.pendingObject).length < 8) this.pendingObject[match[1]] = match[2].slice(0, 300);
          return true;
        }
        break;
      case 71:
        if (line === GARBAGE_COLLECTING && this.current) return true;
        break;
    }
    if (line.endsWith(ASSERTION_ENDING) && line.includes(ASSERTION_MARK) && (match = ASSERTION.exec(line))) {
      this.start("assertion", line, match[3], `Assertion \`${match[4]}' failed`, lineNumber);
      this.current.assertion = { file: match[1], line: Number(match[2]), function: match[3], expression: match[4] };
      return true;
    }
    if (this.current && this.current.exitSignal === void 0 && line.length < 300 && endsLikeExitSignal(line) && EXIT_SIGNAL.test(line)) {
      this.current.exitSignal = line.trim();
      return true;
    }
    this.thread = void 0;
    return false;
  }
  end() {
    return { faults: this.faults.items, droppedFaults: this.faults.dropped, diagnostics: this.diagnostics };
  }
  /**
   * A line of the exception a fatal error printed: true when taken, false for a blank line inside it,
   * undefined (and the exception read) for anything else, which `next` then reads as usual.
   */
  exceptionLine(line) {
    if (line === "") return false;
    if (line.charCodeAt(0) === 32 || line === "Traceback (most recent call last):" || CHAINED_EXCEPTION.test(line)) return true;
    if (EXCEPTION_LINE.test(line)) {
      const exceptions = this.current.exceptions ??= [];
      if (exceptions.length < MAX_EXCEPTIONS_PER_FAULT) exceptions.push(own(line.slice(0, 300)));
      return true;
    }
    this.readingExceptions = false;
    return void 0;
  }
  startFatal(message, lineNumber) {
    if (this.current?.kind === "assertion" && this.current.threads.length === 0 && message === "Aborted") return;
    const prefixed = /^([A-Za-z_][A-Za-z0-9_]*): (.*)$/.exec(message);
    const reason = prefixed ? prefixed[2] : message;
    const kind = SIGNAL_REASONS.has(reason) ? "signal" : "fatal-error";
    this.start(kind, message, prefixed?.[1], reason, lineNumber);
  }
  start(kind, message, fn, reason, lineNumber) {
    this.readingExceptions = false;
    this.current = { line: lineNumber, kind, message, ...fn ? { function: fn } : {}, reason, threads: [] };
    if (this.pendingObject) {
      this.current.object = this.pendingObject;
      this.pendingObject = void 0;
    }
    this.thread = void 0;
    this.currentKept = this.faults.push(this.current);
  }
  startThread(id, current, lineNumber) {
    this.readingExceptions = false;
    if (!this.current || this.current.extensionModules !== void 0 && this.current.kind !== "timeout") {
      this.start("traceback-dump", "traceback dump", void 0, "traceback dump", lineNumber);
    }
    if (!this.currentKept) {
      this.droppedThread.frames.length = 0;
      this.thread = this.droppedThread;
    } else this.thread = id ? { id, current, frames: [] } : { current, frames: [] };
    if (this.current.threads.length < MAX_THREADS_PER_FAULT) this.current.threads.push(this.thread);
  }
  /** The fast path (LineParser.ownedRun): `ownedLine` over consecutive lines. */
  ownedRun(block, from) {
    let index = from;
    if (!this.currentKept && this.thread !== void 0) index = matchLines(SKIPPED_FRAMES, block, index);
    while (index < block.count && this.ownedLine(lineAt(block, index))) index++;
    return index - from;
  }
  /**
   * The fast path's line while a traceback is the only open block: a `  File "...", line N in f`
   * line with no MARKER_CHARACTERS (so no other format's content marker or ANSI colour) is taken as
   * `next` would take it. False, with nothing changed, for any other line.
   */
  ownedLine(line) {
    if (this.thread === void 0 || this.readingExceptions || !line.startsWith(FRAME_START) || mayHoldMarker(line)) return false;
    return this.frame(line);
  }
  /** A frame line of the current thread: true when it is one. */
  frame(line) {
    if (!this.currentKept) return FRAME_SHAPE.test(line);
    const frame = FRAME.exec(line);
    if (!frame) return false;
    if (this.thread.frames.length < MAX_FRAMES_PER_THREAD) {
      this.thread.frames.push({ file: frame[1], line: frame[2] === "???" ? 0 : Number(frame[2]), function: frame[3] });
    } else this.thread.truncated = true;
    return true;
  }
  frameLine(line, lineNumber) {
    if (!this.thread) return false;
    if (this.frame(line)) return true;
    if (line === "  ...") return this.thread.truncated = true;
    if (line === "  <no Python frame>") return this.thread.noPythonFrame = true;
    if (/^ {2}<.*>$/.test(line)) return true;
    addDiagnostic(this.diagnostics, lineNumber, `unexpected line in thread traceback: ${line.slice(0, 120)}`);
    this.thread = void 0;
    return false;
  }
};

// src/parse/import-error.ts
var MAX_IMPORT_ERRORS = 100;
var UNDEFINED_SYMBOL_MARKER = ": undefined symbol: ";
var UNDEFINED_SYMBOL_IMPORT = regExp`ImportError: (\S.*?\.so(?:\.[\d.]+)?)${UNDEFINED_SYMBOL_MARKER}([A-Za-z_]\w*)\s*$`;
var IMPORT_ERROR_ROUTING = { startCharacters: "", markers: [UNDEFINED_SYMBOL_MARKER], readsOthersLines: true };
var ImportErrorParser = class {
  found = /* @__PURE__ */ new Map();
  next(line, lineNumber) {
    if (!line.includes(UNDEFINED_SYMBOL_MARKER)) return false;
    const match = UNDEFINED_SYMBOL_IMPORT.exec(line);
    if (!match) return false;
    const key = `${match[1]}\0${match[2]}`;
    const known = this.found.get(key);
    if (known) known.count++;
    else if (this.found.size < MAX_IMPORT_ERRORS) this.found.set(key, { line: lineNumber, module: own(match[1]), symbol: own(match[2]), count: 1 });
    return true;
  }
  end() {
    return { undefinedSymbols: [...this.found.values()] };
  }
};
function explainUndefinedSymbol(symbol) {
  const rule = ABI_SYMBOLS.find((candidate) => candidate.symbols.includes(symbol));
  if (!rule) return { reason: `undefined symbol ${symbol}: it was built against another CPython, or links a library that is not loaded`, abi: false };
  const how = rule.moduleHas ? `compiled with ${rule.macro}, which this interpreter lacks` : `compiled without ${rule.macro}, which this interpreter has`;
  return { reason: `undefined symbol ${symbol}: the module was ${how}`, abi: true };
}

// src/parse/mallocstats.ts
var MAX_MALLOCSTATS_DUMPS = 200;
var MAX_SIZE_CLASSES = 256;
var MAX_CACHED_KEYS = 128;
var MAX_FREELISTS = 200;
var THRESHOLD_START = "Small block threshold = ";
var THRESHOLD = regExp`^${THRESHOLD_START}(\d+), in (\d+) size classes\.$`;
var MEDIUM_THRESHOLD = /^(Medium block threshold|Large object max size) = (\d+)$/;
var PRINTONE = /^(.*?) *= *(-?[\d,]+)$/;
var ARENAS = /^(\d+) arenas \* (\d+) bytes\/arena$/;
var UNUSED_POOLS = /^(\d+) unused pools \* (\d+) bytes$/;
var FREE_LIST_MARK = " bytes each";
var FREELIST = regExp`^ *(\d+) (free .+?) \* (\d+)${FREE_LIST_MARK} *= *([\d,]+)$`;
var FREE_LIST_FIRST_CHARACTERS = " 0123456789";
var FREE_LIST_FIRST = asciiTable(FREE_LIST_FIRST_CHARACTERS);
var ELISION = /^\s*(?:\.{3,}|…|\[(?:\.{3}|…)\]|\((?:\.{3}|…)\))[^[\]=]*$/;
var MIMALLOC_VALUE = /^ {4}(Allocated Blocks|Allocated Bytes|Allocated Bytes w\/ Overhead|Bytes Reserved|Bytes Committed): (-?\d+)$/;
function classRow(line, out) {
  if (line.length === CLASS_ROW_LENGTH && CLASS_ROW_SHAPE.test(line) && fixedColumns(line, out)) return true;
  const length = line.length;
  let index = 0;
  while (index < length && line.charCodeAt(index) === 32) index++;
  for (let field = 0; field < 5; field++) {
    if (field > 0) {
      const spaces = index;
      while (index < length && line.charCodeAt(index) === 32) index++;
      if (index === spaces) return false;
    }
    const start = index;
    let value = 0;
    for (; index < length; index++) {
      const code3 = line.charCodeAt(index);
      if (code3 < 48 || code3 > 57) break;
      value = value * 10 + (code3 - 48);
    }
    if (index === start) return false;
    out[field] = index - start > 15 ? Number(line.slice(start, index)) : value;
  }
  return index === length;
}
var CLASS_ROW_SHAPE = /^ *\d+ +\d+ +\d+ +\d+ +\d+$/;
var CLASS_ROWS = /(?: +\d+ +\d+ +\d+ +\d+ +\d+(?:\n|$))+/y;
var CLASS_ROW_LENGTH = 54;
var PRINTONE_EQUALS = 35;
var PRINTONE_LENGTH = 57;
var TOTAL_LABEL = "Total";
var NUMBERED_LABEL = /\d+ (?:arenas \* \d+ bytes\/arena|unused pools \* \d+ bytes) +=/y;
var CLASS_HEADING = "class   size   num pools   blocks in use  avail blocks";
var CLASS_RULE = "-----   ----   ---------   -------------  ------------";
var CLASS_HEADING_START = CLASS_HEADING.slice(0, 12);
var CLASS_RULE_START = CLASS_RULE.slice(0, 12);
var ARENA_MAP_HEADING = "arena map counts";
var MALLOCSTATS_ROUTING = { startCharacters: firstCharacters(THRESHOLD_START, CLASS_HEADING) + FREE_LIST_FIRST_CHARACTERS };
var KEY_LINE_PATTERNS = /* @__PURE__ */ new Map();
function keyLinePattern(key) {
  let pattern = KEY_LINE_PATTERNS.get(key);
  if (pattern === void 0 && !KEY_LINE_PATTERNS.has(key)) {
    const padding = PRINTONE_EQUALS - 2 - key.length;
    pattern = key.length === 0 || padding < 0 || mayHoldMarker(key) ? void 0 : new RegExp(`# ${escapeRegExp(key)} {${padding}}= *[\\d,]+`, "y");
    if (KEY_LINE_PATTERNS.size < 1024) KEY_LINE_PATTERNS.set(own(key), pattern);
  }
  return pattern;
}
function isPrintoneAt(text3, start, end) {
  return end - start === PRINTONE_LENGTH && text3.charCodeAt(start + PRINTONE_EQUALS) === 61;
}
function isKeyLine(pattern, text3, start, end) {
  pattern.lastIndex = start;
  return pattern.test(text3) && pattern.lastIndex === end;
}
function printoneValue(line, padded = false, offset = 0) {
  let index = offset + PRINTONE_LENGTH - 1;
  let value = 0;
  let scale = 1;
  let digits = 0;
  for (; index > offset + PRINTONE_EQUALS; index--) {
    const code3 = line.charCodeAt(index);
    if (code3 === 44) continue;
    if (code3 < 48 || code3 > 57) break;
    value += (code3 - 48) * scale;
    scale *= 10;
    digits++;
  }
  return digits === 0 || digits > 15 || !padded && !isSpaces(line, offset + PRINTONE_EQUALS + 1, index + 1) ? void 0 : value;
}
var CLASS_ROW_ENDS = [5, 12, 24, 40, 54];
function fixedColumns(line, out) {
  for (let field = 0; field < 5; field++) {
    const end = CLASS_ROW_ENDS[field];
    const code3 = line.charCodeAt(end - 1);
    if (code3 < 48 || code3 > 57 || field < 4 && line.charCodeAt(end) !== 32) return false;
  }
  for (let field = 0; field < 5; field++) {
    const end = CLASS_ROW_ENDS[field];
    let start = end - 1;
    while (start > 0 && line.charCodeAt(start - 1) !== 32) start--;
    let value = 0;
    for (let index = start; index < end; index++) value = value * 10 + (line.charCodeAt(index) - 48);
    out[field] = end - start > 15 ? Number(line.slice(start, end)) : value;
  }
  return true;
}
function numberAfter(line, equals) {
  const space = line.lastIndexOf(" ");
  if (space > equals && space < line.length - 1 && isSpaces(line, equals + 1, space)) return parseGroupedIntIn(line, space + 1, line.length);
  return parseGroupedIntIn(line, equals + 1, line.length);
}
var isPlainEdge = (code3) => code3 > 32 && code3 < 127;
function isOwnedShape(shape, line) {
  switch (shape) {
    // A leading space, so no parser that routes on digits (regrtest) would be offered it.
    case "class-row":
      return line.charCodeAt(0) === 32;
    case "key":
    case "total":
    case "blank":
    case "threshold":
    case "arena-map":
      return true;
    // A heading cut short is read (shapeOf), but may go on with anything.
    case "class-heading":
      return line === CLASS_HEADING || line === CLASS_RULE;
    case "free-list":
      return line.charCodeAt(0) === 32 && !mayHoldMarker(line);
    default:
      return false;
  }
}
var MallocStatsParser = class {
  dumps = new BoundedList(MAX_MALLOCSTATS_DUMPS);
  diagnostics = emptyDiagnostics();
  current;
  section = "header";
  row = [0, 0, 0, 0, 0];
  /**
   * The `# label` keys of the previous dumps by position: every dump prints the same labels in the
   * same order, so a key is usually reused rather than sliced, and a reused key needs no hashing.
   */
  keys = [];
  /** Per key: the whole printone line with that label in CPython's columns (see keyLinePattern). */
  keyPatterns = [];
  keyIndex = 0;
  /** What the last shapeOf or printoneShapeAt found: the captures of the regex that told the shape, a printone line's value and "=". */
  shapeMatch = null;
  shapeNumber = 0;
  shapeEquals = 0;
  /** Inside a dump: stats dumps have no end marker, so every line matters until one does not fit. */
  get busy() {
    return this.current !== void 0;
  }
  next(line, lineNumber) {
    return this.take(this.shapeOf(line), line, lineNumber);
  }
  /**
   * The fast path (LineParser.ownedRun) while a dump is the only open block: the lines of owned
   * shapes (isOwnedShape), taken as `next` would take them; the first of any other shape stops it,
   * untouched.
   */
  ownedRun(block, from, lineNumber) {
    let index = from;
    const { text: text3, ends } = block;
    while (index < block.count) {
      const start = lineStart(block, index);
      const printone = this.printoneShapeAt(text3, start, ends[index]);
      if (printone !== void 0) {
        this.takePrintone(printone, text3, start);
        index++;
        continue;
      }
      if (this.section === "classes" && !this.currentKept && this.current !== void 0) {
        const end = matchLines(CLASS_ROWS, block, index);
        if (end > index) {
          if (this.pendingRowCount < MAX_SIZE_CLASSES) this.pendingRows.push(text3.slice(start, ends[end - 1]));
          this.pendingRowCount += end - index;
          index = end;
          if (index === block.count) break;
        }
      }
      if (!this.ownedLine(lineAt(block, index), lineNumber + index - from)) break;
      index++;
    }
    return index - from;
  }
  end() {
    if (this.lastSeen && !this.currentKept) this.materializeRows(this.lastSeen);
    return { dumps: this.dumps.items, droppedDumps: this.dumps.dropped, ...this.lastSeen ? { last: this.lastSeen } : {}, diagnostics: this.diagnostics };
  }
  /** A line of an owned shape, taken as `next` would take it; false, with nothing changed, for any other. */
  ownedLine(line, lineNumber) {
    if (this.current === void 0) return false;
    const shape = this.shapeOf(line);
    return isOwnedShape(shape, line) && this.take(shape, line, lineNumber);
  }
  /** The shape of a line (captures and values in the shape fields); reads, changes nothing. */
  shapeOf(line) {
    const first = line.charCodeAt(0);
    if (first === 83 && (this.shapeMatch = THRESHOLD.exec(line)) !== null) return "threshold";
    if (this.current === void 0) {
      if (line === CLASS_HEADING) return "class-heading";
      return this.isFreeList(line, first) ? "free-list" : "other";
    }
    if ((this.section === "classes" || this.section === "header") && first !== 35 && CLASS_ROW_SHAPE.test(line)) return "class-row";
    const printone = this.printoneShapeAt(line, 0, line.length);
    if (printone !== void 0) return printone;
    if (line === "") return "blank";
    if (first !== 35) {
      if ((first === 46 || first === 32 || first === 8230 || first === 91 || first === 40) && ELISION.test(line))
        return "elision";
      if ((first === 77 || first === 76) && (this.shapeMatch = MEDIUM_THRESHOLD.exec(line)) !== null) return "mimalloc-threshold";
      if (first === 32 && (line.startsWith("    A") || line.startsWith("    B")) && (this.shapeMatch = MIMALLOC_VALUE.exec(line)) !== null)
        return "mimalloc-value";
      if (line.startsWith(CLASS_HEADING_START) || line.startsWith(CLASS_RULE_START)) return "class-heading";
      if (line === ARENA_MAP_HEADING) return "arena-map";
      if (this.isFreeList(line, first)) return "free-list";
    }
    const equals = this.section === "freelists" ? -1 : line.lastIndexOf("=");
    if (equals <= 0) return "other";
    const value = numberAfter(line, equals);
    if (value === void 0) return PRINTONE.test(line) ? "out-of-range" : "other";
    this.shapeNumber = value;
    this.shapeEquals = equals;
    return "printone";
  }
  /**
   * The shape of `text[start, end)` when it is a printone line in CPython's columns that needs no
   * slice: a `# label` with the label this position had in the previous dump ('key'), or a total
   * ('total'), with its value in `shapeNumber`. Undefined for anything else, read by shapeOf.
   */
  printoneShapeAt(text3, start, end) {
    if (this.current === void 0 || this.section === "freelists" || !isPrintoneAt(text3, start, end)) return void 0;
    const first = text3.charCodeAt(start);
    let value;
    if (first === 35) {
      const pattern = this.keyPatterns[this.keyIndex];
      if (pattern === void 0 || !isKeyLine(pattern, text3, start, end) || (value = printoneValue(text3, true, start)) === void 0) return void 0;
      this.shapeNumber = value;
      return "key";
    }
    const total = first === 84 && text3.startsWith(TOTAL_LABEL, start) && isSpaces(text3, start + TOTAL_LABEL.length, start + PRINTONE_EQUALS);
    if (!total && !(first >= 48 && first <= 57 && isNumberedLabelAt(text3, start))) return void 0;
    if ((value = printoneValue(text3, false, start)) === void 0) return void 0;
    this.shapeNumber = value;
    return "total";
  }
  /** A free-list line, its captures in `shapeMatch`. */
  isFreeList(line, first) {
    const last = line.charCodeAt(line.length - 1);
    return first < 128 && FREE_LIST_FIRST[first] === 1 && (last >= 48 && last <= 57 || last === 44) && line.includes(FREE_LIST_MARK) && (this.shapeMatch = FREELIST.exec(line)) !== null;
  }
  /** What `next` does with a line of the shape shapeOf found: true when the line is the dump's. */
  take(shape, line, lineNumber) {
    const dump = this.current;
    const match = this.shapeMatch;
    switch (shape) {
      case "class-row":
        this.section = "classes";
        this.addClassRow(dump, line);
        return true;
      case "key":
      case "total":
        this.takePrintone(shape, line, 0);
        return true;
      case "printone":
        this.printone(dump, line);
        return true;
      case "blank":
        return true;
      case "threshold": {
        const started = this.startDump(lineNumber);
        started.smallBlockThreshold = Number(match[1]);
        started.sizeClassCount = Number(match[2]);
        return true;
      }
      case "class-heading":
        if (this.current === void 0) {
          this.startDump(lineNumber);
          addDiagnostic(this.diagnostics, lineNumber, 'malloc stats dump without its "Small block threshold" line: read from the size-class table on');
        }
        this.section = "classes";
        return true;
      case "free-list":
        this.addFreeList(this.current ?? this.startDump(lineNumber), line, match);
        this.section = "freelists";
        return true;
      case "elision":
        addDiagnostic(this.diagnostics, lineNumber, `malloc stats dump with lines left out (${line.trim().slice(0, 40)}): read on past the gap`);
        if (this.section === "freelists") this.section = "totals";
        return true;
      case "mimalloc-threshold":
        dump.allocator = "mimalloc";
        dump.values[match[1].toLowerCase()] = Number(match[2]);
        return true;
      case "mimalloc-value":
        dump.allocator = "mimalloc";
        (dump.mimalloc ??= {})[match[1]] = Number(match[2]);
        return true;
      case "arena-map":
        this.section = "arena map";
        return true;
      case "out-of-range":
        addDiagnostic(this.diagnostics, lineNumber, `malloc stats value out of range: ${line.slice(0, 120)}`);
        return true;
      case "other":
        this.current = void 0;
        return false;
    }
  }
  /** A 'key' or 'total' line starting at `start` in `text` (a line, or a block's text). */
  takePrintone(shape, text3, start) {
    const dump = this.current;
    if (this.section !== "arena map") this.section = "totals";
    if (shape === "key") dump.values[this.keys[this.keyIndex++]] = this.shapeNumber;
    else this.value(dump, text3.charCodeAt(start) === 84 ? TOTAL_LABEL : text3.slice(start, start + PRINTONE_EQUALS).trimEnd(), this.shapeNumber);
  }
  /** A 'printone' line: its label read the general way. */
  printone(dump, line) {
    const equals = this.shapeEquals;
    const value = this.shapeNumber;
    if (this.section !== "arena map") this.section = "totals";
    let start = 0;
    let end = equals;
    while (start < end && line.charCodeAt(start) === 32) start++;
    while (end > start && line.charCodeAt(end - 1) === 32) end--;
    if (start === end || isPlainEdge(line.charCodeAt(start)) && isPlainEdge(line.charCodeAt(end - 1))) {
      if (line.charCodeAt(start) === 35) dump.values[this.key(line, start + 2, end)] = value;
      else this.value(dump, line.slice(start, end), value);
    } else this.value(dump, line.slice(0, equals).trim(), value);
  }
  lastSeen;
  key(line, start, end) {
    const ordinal = this.keyIndex++;
    const cached = this.keys[ordinal];
    if (cached !== void 0 && cached.length === end - start && line.startsWith(cached, start)) return cached;
    const key = line.slice(start, end);
    if (ordinal < MAX_CACHED_KEYS) {
      this.keys[ordinal] = key;
      this.keyPatterns[ordinal] = keyLinePattern(key);
    }
    return key;
  }
  /**
   * A dump past MAX_MALLOCSTATS_DUMPS is only reported if it turns out to be the last, so its size-class
   * rows and free lists are kept as lines and read only then: on a long series, reading 32 rows per
   * dump into objects was this parser's largest cost.
   */
  currentKept = true;
  /** Rows of the current dump, one per line or several lines matched at once (ownedRun). */
  pendingRows = [];
  pendingRowCount = 0;
  pendingFreeLists = [];
  /** A size-class row of the current dump (`classRow` has accepted it, or its shape is CLASS_ROW_SHAPE). */
  addClassRow(dump, line) {
    if (!this.currentKept) {
      if (this.pendingRowCount++ < MAX_SIZE_CLASSES) this.pendingRows.push(line);
      return;
    }
    if (dump.sizeClasses.length >= MAX_SIZE_CLASSES || !classRow(line, this.row)) return;
    const row = this.row;
    dump.sizeClasses.push({ index: row[0], size: row[1], pools: row[2], blocksInUse: row[3], availableBlocks: row[4] });
  }
  materializeRows(dump) {
    this.currentKept = true;
    for (const rows of this.pendingRows) for (const line of rows.split("\n")) this.addClassRow(dump, line);
    for (const line of this.pendingFreeLists) this.addFreeList(dump, line, FREELIST.exec(line));
    this.pendingRows.length = 0;
    this.pendingRowCount = 0;
    this.pendingFreeLists.length = 0;
  }
  startDump(lineNumber) {
    const dump = { line: lineNumber, allocator: "pymalloc", sizeClasses: [], values: {}, freeLists: [] };
    this.current = dump;
    this.section = "header";
    this.keyIndex = 0;
    this.lastSeen = dump;
    this.currentKept = this.dumps.push(dump);
    this.pendingRows.length = 0;
    this.pendingRowCount = 0;
    this.pendingFreeLists.length = 0;
    return dump;
  }
  value(dump, label, value) {
    let match;
    const first = label.charCodeAt(0);
    if (first === 35) {
      dump.values[label.slice(2)] = value;
      return;
    }
    if (first >= 48 && first <= 57 && (match = ARENAS.exec(label))) {
      dump.arenaCount = Number(match[1]);
      dump.arenaSize = Number(match[2]);
      dump.values["arenas bytes"] = value;
      return;
    }
    if (first >= 48 && first <= 57 && (match = UNUSED_POOLS.exec(label))) {
      dump.unusedPools = Number(match[1]);
      dump.poolSize = Number(match[2]);
      dump.values["unused pools bytes"] = value;
      return;
    }
    dump.values[label === TOTAL_LABEL ? this.section === "arena map" ? "arena map total" : "total" : label] = value;
  }
  /** A free-list line (FREELIST matched it, `match`) of `dump`. */
  addFreeList(dump, line, match) {
    if (!this.currentKept) {
      if (this.pendingFreeLists.length < MAX_FREELISTS && parseGroupedInt(match[4]) !== void 0) this.pendingFreeLists.push(line);
      return;
    }
    const totalBytes = parseGroupedInt(match[4]);
    if (dump.freeLists.length < MAX_FREELISTS && totalBytes !== void 0) {
      dump.freeLists.push({ count: Number(match[1]), name: match[2], bytesEach: Number(match[3]), totalBytes });
    }
  }
};
function isNumberedLabelAt(text3, start) {
  NUMBERED_LABEL.lastIndex = start;
  return NUMBERED_LABEL.test(text3);
}

// src/parse/pymalloc-debug.ts
var DEAD_BYTES = [221, 219];
var DEAD_REFCOUNTS = new Map(
  DEAD_BYTES.flatMap((byte) => {
    const pattern = BigInt(byte);
    const of = (bytes) => Array.from({ length: bytes }, (_, index) => pattern << BigInt(8 * index)).reduce((a, b) => a | b);
    return [
      [BigInt.asIntN(64, of(8)).toString(), byte],
      [BigInt.asIntN(32, of(4)).toString(), byte]
    ];
  })
);
var REFCNT_START = "<refcnt ";
var REFCNT_PRINT = regExp`^${REFCNT_START}(-?\d+) at (0x[0-9a-fA-F]+)>`;
var MAX_DEAD_OBJECTS = 100;
var MAX_DEBUG_BLOCKS = 100;
var MAX_TRACEBACK_FRAMES = 100;
var DUMP_START = "Debug memory block at ";
var BLOCK_START = regExp`^${DUMP_START}address p=(\S+?): API '(.)'$`;
var REQUESTED = /^ {4}(\d+) bytes originally requested$/;
var PAD_OK = /^ {4}The (\d+) pad bytes at (p-\d+|tail=\S+) are FORBIDDENBYTE, as expected\.$/;
var PAD_BAD = /^ {4}The (\d+) pad bytes at (p-\d+|tail=\S+) are not all FORBIDDENBYTE \(0x([0-9a-f]{2})\):$/;
var PAD_BYTE = /^ {8}at (p-|tail\+)(\d+): 0x([0-9a-f]{2})( \*\*\* OUCH)?$/;
var SERIAL = /^ {4}The block was made by call #(\d+) to debug malloc\/realloc\.$/;
var DATA = /^ {4}Data at p:(.*)$/;
var CORRUPT_START = /^ {4}Because memory is corrupted at the start, the count of bytes requested$|^ {7,8}may be bogus, and checking the trailing pad bytes may segfault\.$/;
var TRACEMALLOC_OFF = /^Enable tracemalloc to get the memory block allocation traceback$/;
var ALLOCATED_AT = /^Memory block allocated at \(most recent call first\):$/;
var TRACEBACK_FRAME = /^ {2}File "(.*)", line (\d+)$/;
var PYMALLOC_DEBUG_ROUTING = { startCharacters: firstCharacters(DUMP_START, REFCNT_START) };
var PymallocDebugParser = class {
  blocks = new BoundedList(MAX_DEBUG_BLOCKS);
  deadObjects = new BoundedList(MAX_DEAD_OBJECTS);
  diagnostics = emptyDiagnostics();
  state = "idle";
  current;
  pad;
  currentKept = true;
  /** Inside a dump: every line matters until it ends. */
  get busy() {
    return this.state !== "idle";
  }
  /** The fast path (LineParser.ownedRun): the pad bytes of a dump, which hold ':'. */
  ownedRun(block, from, _lineNumber, others) {
    return guardedRun(this, block, from, others);
  }
  /**
   * For guardedRun, a line free of other formats' markers: a pad byte line (`        at tail+0: 0xfd`),
   * taken as `next` would take it. False, with nothing changed, for any other line.
   */
  ownedLine(line) {
    return this.state === "block" && this.pad !== void 0 && line.charCodeAt(0) === 32 && this.padByteLine(line);
  }
  next(line, lineNumber) {
    const first = line.charCodeAt(0);
    if (first === 60 && line.startsWith(REFCNT_START)) return this.refcntPrint(line, lineNumber);
    if (first === 68 && line.startsWith(DUMP_START)) {
      const start = BLOCK_START.exec(line);
      if (!start) return false;
      this.finishBlock(lineNumber);
      this.current = { line: lineNumber, address: start[1], api: start[2] };
      this.currentKept = this.blocks.push(this.current);
      this.state = "block";
      return true;
    }
    if (this.state === "idle") return false;
    if (this.state === "block") return this.blockLine(line, lineNumber);
    if (line === "") return this.state === "after-block";
    if (TRACEMALLOC_OFF.test(line)) {
      if (this.current) this.current.tracemallocDisabled = true;
      this.state = "after-block";
      return true;
    }
    if (ALLOCATED_AT.test(line)) {
      if (this.current) this.current.allocatedAt = [];
      this.state = "traceback";
      return true;
    }
    if (this.state === "traceback") {
      const frame = TRACEBACK_FRAME.exec(line);
      if (frame && this.current?.allocatedAt) {
        if (this.current.allocatedAt.length < MAX_TRACEBACK_FRAMES) this.current.allocatedAt.push({ file: frame[1], line: Number(frame[2]) });
        return true;
      }
    }
    this.state = "idle";
    this.current = void 0;
    return false;
  }
  end() {
    this.finishBlock(0);
    return {
      blocks: this.blocks.items,
      droppedBlocks: this.blocks.dropped,
      deadObjects: this.deadObjects.items,
      droppedDeadObjects: this.deadObjects.dropped,
      diagnostics: this.diagnostics
    };
  }
  /** `<refcnt N at 0x...>`: recognised whatever N is; kept when N is the dead-byte pattern. */
  refcntPrint(line, lineNumber) {
    const match = REFCNT_PRINT.exec(line);
    if (!match) return false;
    const pattern = DEAD_REFCOUNTS.get(match[1]);
    if (pattern !== void 0) this.deadObjects.push({ line: lineNumber, refcnt: match[1], address: match[2], pattern });
    return true;
  }
  blockLine(line, lineNumber) {
    const block = this.current;
    let match;
    if (this.pad && this.padByteLine(line)) return true;
    this.closePad();
    if (match = REQUESTED.exec(line)) {
      block.bytesRequested = Number(match[1]);
      return true;
    }
    if (match = PAD_OK.exec(line)) {
      const which = match[2].startsWith("p-") ? "leadingPad" : "trailingPad";
      block[which] = { count: Number(match[1]), intact: true, bytes: [] };
      return true;
    }
    if (match = PAD_BAD.exec(line)) {
      this.pad = { which: match[2].startsWith("p-") ? "leading" : "trailing", count: Number(match[1]), bytes: [] };
      return true;
    }
    if (CORRUPT_START.test(line)) return true;
    if (match = SERIAL.exec(line)) {
      block.serialNumber = Number(match[1]);
      return true;
    }
    if (match = DATA.exec(line)) {
      block.data = match[1].trim();
      this.state = "after-block";
      return true;
    }
    block.truncated = true;
    addDiagnostic(this.diagnostics, lineNumber, `debug memory block at line ${block.line} ended before "Data at p:"`);
    this.state = "idle";
    this.current = void 0;
    return false;
  }
  /** A byte of the open pad (`        at tail+0: 0xfd`): false, with nothing changed, for any other line. */
  padByteLine(line) {
    if (!this.currentKept) return PAD_BYTE.test(line);
    const match = PAD_BYTE.exec(line);
    if (match === null) return false;
    const offset = Number(match[2]);
    this.pad.bytes.push({ offset: match[1] === "p-" ? -offset : offset, value: parseInt(match[3], 16), corrupted: match[4] !== void 0 });
    return true;
  }
  closePad() {
    if (!this.pad || !this.current) return;
    const { which, count: count2, bytes } = this.pad;
    const block = this.current;
    const corrupted = bytes.filter((byte) => byte.corrupted);
    if (which === "leading") {
      block.leadingPad = { count: count2, intact: false, bytes };
      if (corrupted.length > 0) block.underrunBytes = Math.max(...corrupted.map((byte) => -byte.offset));
    } else {
      block.trailingPad = { count: count2, intact: false, bytes };
      if (corrupted.length > 0) block.overrunBytes = Math.max(...corrupted.map((byte) => byte.offset)) + 1;
    }
    this.pad = void 0;
  }
  finishBlock(lineNumber) {
    if (this.state === "block" && this.current) {
      this.closePad();
      this.current.truncated = true;
      addDiagnostic(this.diagnostics, lineNumber || this.current.line, `debug memory block at line ${this.current.line} ended before "Data at p:"`);
    }
    this.state = "idle";
    this.current = void 0;
  }
};

// src/parse/problems.ts
var MAX_PROBLEMS = 500;
function problemsOf(results, options) {
  const problems = [];
  const add = (problem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const owners = faultOwners(results.regrtest, results.fault);
  const timedOutTests = regrtestProblems(results.regrtest, results.fault, owners, add);
  faultProblems(results.fault, results["pymalloc-debug"], owners, timedOutTests, options, add);
  deadObjectProblems(results.regrtest, results["pymalloc-debug"], add);
  importErrorProblems(results.regrtest, results["import-error"], add);
  sanitizerProblems(results.regrtest, results.sanitizer, options, add);
  valgrindProblems(results["valgrind-xml"], options, add);
  censusProblems(results.census, add);
  seriesProblems(results["refcount-series"], add);
  return problems;
}
function sanitizerProblems(regrtest, sanitizer, options, add) {
  const sanitizerOwners = ownersOf(regrtest, sanitizer?.reports ?? []);
  for (const report of sanitizer?.reports ?? []) {
    const owner = sanitizerOwners.get(report);
    const where = report.culprit ?? report.stacks[0]?.frames.find((frame) => frame.origin !== "system");
    const place = where ? {
      ...where.file ? { file: workspaceRelative(where.file, options.workspace) } : {},
      ...where.line ? { line: where.line } : {},
      ...where.function ? { function: where.function } : {}
    } : {};
    if (report.leaks.length > 0) {
      for (const leak of report.leaks) {
        const culprit = leak.stack.frames.find((frame) => frame.origin === "extension");
        add({
          kind: "memory-leak",
          severity: culprit ? "error" : "note",
          message: `${leak.direct ? "direct" : "indirect"} leak of ${leak.bytes} bytes in ${leak.objects} allocations${culprit ? ` from ${culprit.function ?? "?"}${culprit.file ? ` (${workspaceRelative(culprit.file, options.workspace)}:${culprit.line ?? "?"})` : ""}` : ""}`,
          source: "sanitizer",
          logLine: report.line,
          ...owner !== void 0 ? { test: owner } : {},
          ...culprit?.file ? { file: workspaceRelative(culprit.file, options.workspace) } : {},
          ...culprit?.line ? { line: culprit.line } : {},
          ...culprit?.function ? { function: culprit.function } : {}
        });
      }
      continue;
    }
    const access2 = report.access ? `: ${report.access.operation} of size ${report.access.size}` : "";
    const inUserCode = report.culprit !== void 0 && place.function !== void 0;
    const at = inUserCode || !report.at ? place.function ? ` in ${place.function}${place.file ? ` (${place.file}:${place.line ?? "?"})` : ""}` : "" : ` at ${workspaceRelative(report.at.file, options.workspace)}:${report.at.line}`;
    add({
      kind: report.tool === "UndefinedBehaviorSanitizer" ? "undefined-behavior" : "memory-error",
      severity: "error",
      // UBSan's one line says what overflowed and how (`2147483647 * 2 cannot be represented in type 'int'`); ASan's kind is its headline.
      message: `${report.tool} ${report.tool === "UndefinedBehaviorSanitizer" ? report.message : report.kind}${access2}${at}`,
      source: "sanitizer",
      logLine: report.line,
      ...owner !== void 0 ? { test: owner } : {},
      ...inUserCode || !report.at ? place : { file: workspaceRelative(report.at.file, options.workspace), line: report.at.line }
    });
  }
}
function valgrindProblems(valgrind, options, add) {
  for (const error of valgrind?.errors ?? []) {
    const culprit = error.culprit;
    const file = culprit?.file ? workspaceRelative(culprit.directory ? `${culprit.directory}/${culprit.file}` : culprit.file, options.workspace) : void 0;
    add({
      kind: error.kind.startsWith("Leak_") ? "memory-leak" : "memory-error",
      severity: error.blame === "extension" ? "error" : "note",
      message: `${error.kind}: ${error.what}${culprit ? ` in ${culprit.function ?? "?"}${file ? ` (${file}:${culprit.line ?? "?"})` : ""}` : error.blame === "cpython" ? " (inside CPython, not the extension)" : ""}`,
      source: "valgrind-xml",
      logLine: error.line,
      ...file ? { file } : {},
      ...culprit?.line ? { line: culprit.line } : {},
      ...culprit?.function ? { function: culprit.function } : {}
    });
  }
}
function censusProblems(census, add) {
  for (const file of census?.files ?? []) {
    const leaked = leakedTypes(file);
    if (leaked.length === 0) continue;
    const shown = leaked.slice(0, 5);
    const more = leaked.length > shown.length ? ` and ${leaked.length - shown.length} more types` : "";
    add({
      kind: "object-leak",
      severity: "error",
      message: `${file.test}: ${shown.map(describeLeakedType).join(", ")}${more} (live objects by type after each counted run, sys.getobjects)`,
      source: "census",
      logLine: file.runs.find((run) => !run.warmup)?.line ?? file.line,
      // No `deltas`: the message holds each type's counts per run, and the summary shows a finding's deltas instead of its message.
      test: file.test
    });
  }
}
function seriesProblems(series, add) {
  if (series?.steadyGrowth !== void 0 && series.steadyGrowth > 0 && series.samples.length >= 3) {
    add({
      kind: "reference-growth",
      severity: "warning",
      message: `total references grew by ${series.steadyGrowth} at every step`,
      source: "refcount-series",
      logLine: series.first?.line ?? 0
    });
  }
}
function ownersOf(regrtest, items) {
  const owners = /* @__PURE__ */ new Map();
  const tests = (regrtest?.tests ?? []).filter((test) => test.line > 0).sort((a, b) => a.line - b.line);
  if (tests.length === 0) return owners;
  let index = 0;
  for (const item of items) {
    while (index + 1 < tests.length && tests[index + 1].line < item.line) index++;
    if (tests[index].line < item.line) owners.set(item, tests[index].name);
  }
  return owners;
}
function faultOwners(regrtest, faults) {
  return ownersOf(regrtest, faults?.faults ?? []);
}
function deadObjectProblems(regrtest, debug, add) {
  const objects = debug?.deadObjects ?? [];
  const owners = ownersOf(regrtest, objects);
  const reported = /* @__PURE__ */ new Set();
  for (const object of objects) {
    const owner = owners.get(object);
    if (reported.has(owner ?? "")) continue;
    reported.add(owner ?? "");
    const byte = `0x${object.pattern.toString(16).toUpperCase()}`;
    add({
      kind: "use-after-free",
      severity: "error",
      message: `use after free: an object at ${object.address} was used after it was freed (printed as <refcnt ${object.refcnt}>, its reference count is the dead-byte pattern ${byte} the debug hooks write over freed memory)`,
      source: "pymalloc-debug",
      logLine: object.line,
      ...owner !== void 0 ? { test: owner } : {}
    });
  }
}
function importErrorProblems(regrtest, imports, add) {
  const found = imports?.undefinedSymbols ?? [];
  const owners = ownersOf(regrtest, found);
  for (const item of found) {
    const { reason, abi } = explainUndefinedSymbol(item.symbol);
    if (!abi && !/^_?Py/.test(item.symbol)) continue;
    const owner = owners.get(item);
    add({
      kind: "abi-mismatch",
      severity: "error",
      message: `${item.module.split("/").pop()} was built for another ABI (${reason}): rebuild it for this interpreter (${item.module})`,
      source: "import-error",
      logLine: item.line,
      ...owner !== void 0 ? { test: owner } : {}
    });
  }
}
function regrtestProblems(regrtest, faults, owners, add) {
  const timeouts = /* @__PURE__ */ new Map();
  const timedOut = /* @__PURE__ */ new Set();
  for (const fault of faults?.faults ?? []) {
    const owner = owners.get(fault);
    if (fault.kind === "timeout" && owner !== void 0 && !timeouts.has(owner)) timeouts.set(owner, fault);
  }
  for (const test of regrtest?.tests ?? []) {
    for (const leak of test.leaks) {
      if (leak.informational) continue;
      const kind = leak.kind === "references" ? "reference-leak" : leak.kind === "memory blocks" ? "block-leak" : "fd-leak";
      add({
        kind,
        severity: "error",
        message: `${test.name} leaked [${leak.deltas.join(", ")}] ${leak.kind}, sum=${leak.sum}`,
        source: "regrtest",
        logLine: leak.line,
        test: test.name,
        deltas: leak.deltas
      });
    }
    if (test.outcome === "crashed" || test.outcome === "failed" || test.outcome === "timed-out") {
      const timeout = timeouts.get(test.name);
      if (timeout) {
        add({
          kind: "timeout",
          severity: "error",
          message: `${test.name} timed out: ${timeout.message} (regrtest: ${test.result ?? test.outcome})`,
          source: "regrtest",
          logLine: test.line,
          test: test.name
        });
        timedOut.add(test.name);
        continue;
      }
      const kind = test.outcome === "crashed" ? "crash" : test.outcome === "timed-out" ? "timeout" : "test-failure";
      const detail = test.fatalError ? `: Fatal Python error: ${test.fatalError}` : "";
      add({ kind, severity: "error", message: `${test.name} ${test.result ?? test.outcome}${detail}`, source: "regrtest", logLine: test.line, test: test.name });
    }
  }
  return timedOut;
}
var HOOK_OPERATIONS = {
  _PyMem_DebugRawFree: "free",
  _PyMem_DebugFree: "free",
  _PyMem_DebugRawRealloc: "realloc",
  _PyMem_DebugRealloc: "realloc",
  _PyMem_DebugCheckAddress: "check"
};
function faultProblems(faults, debug, owners, timedOutTests, options, add) {
  const blocks = debug?.blocks ?? [];
  let blockIndex = 0;
  for (const fault of faults?.faults ?? []) {
    let block;
    while (blockIndex < blocks.length && blocks[blockIndex].line < fault.line) block = blocks[blockIndex++];
    const frame = pythonLocation(fault);
    const owner = owners.get(fault);
    const place = {
      ...owner !== void 0 ? { test: owner } : {},
      ...frame ? { file: workspaceRelative(frame.file, options.workspace), line: frame.line, ...frame.function ? { function: frame.function } : {} } : {}
    };
    const via = frame?.via ? ` (${frame.function ?? "test"}, through ${workspaceRelative(frame.via.file, options.workspace)}:${frame.via.line}${frame.via.function ? ` in ${frame.via.function}` : ""})` : "";
    const where = frame ? ` in ${place.file}:${frame.line}${via}` : "";
    const operation = fault.function ? HOOK_OPERATIONS[fault.function] : void 0;
    const on = operation ? ` on ${operation}` : "";
    if (block && (/pad byte|bad ID/.test(fault.reason) || deadPatternOf(block) !== void 0)) {
      const [kind2, message] = describeBlock(block, fault);
      add({ kind: kind2, severity: "error", message: `${message} detected${on}${where}`, source: "fault", logLine: block.line, ...place });
      continue;
    }
    if (fault.kind === "traceback-dump" || fault.kind === "timeout" && owner !== void 0 && timedOutTests.has(owner)) continue;
    const kind = fault.kind === "timeout" ? "timeout" : fault.kind === "signal" ? "crash" : "fatal-error";
    const exceptions = fault.exceptions?.length ? ` (${fault.exceptions.join(" \u2192 ")})` : "";
    add({
      kind,
      severity: "error",
      message: `${fault.kind === "timeout" ? fault.message : `Fatal Python error: ${fault.message}`}${exceptions}${where}`,
      source: "fault",
      logLine: fault.line,
      ...place
    });
  }
}
function deadPatternOf(block) {
  const bytes = block.leadingPad?.bytes ?? [];
  const first = bytes[0]?.value;
  return first !== void 0 && DEAD_BYTES.includes(first) && bytes.every((byte) => byte.value === first) ? first : void 0;
}
function describeBlock(block, fault) {
  const plural3 = (n) => `${n} byte${n === 1 ? "" : "s"}`;
  const dead = deadPatternOf(block);
  if (dead !== void 0) {
    const was = dead === 219 ? " (CPython before 3.8)" : "";
    return [
      "use-after-free",
      `double free or use after free: the block's pad bytes read 0x${dead.toString(16).toUpperCase()}, the pattern the debug hooks write over freed memory${was}`
    ];
  }
  if (/bad ID/.test(fault.reason)) return ["allocator-mismatch", `block from API '${block.api}' ${fault.reason.replace(/^bad ID: /, "")}`];
  if (block.underrunBytes !== void 0)
    return ["buffer-underrun", `buffer underrun of ${plural3(block.underrunBytes)} before a ${block.bytesRequested ?? "?"}-byte block`];
  if (/leading pad byte/.test(fault.reason))
    return [
      "buffer-underrun",
      `buffer underrun before a ${block.bytesRequested ?? "?"}-byte block (its leading pad bytes were overwritten; the log does not show how many)`
    ];
  if (block.overrunBytes === void 0)
    return [
      "buffer-overrun",
      `buffer overrun past a ${block.bytesRequested ?? "?"}-byte block (its trailing pad bytes were overwritten; the log does not show how many)`
    ];
  return ["buffer-overrun", `buffer overrun of ${plural3(block.overrunBytes)}`];
}
function pythonLocation(fault) {
  const thread = fault.threads.find((candidate) => candidate.current) ?? fault.threads[0];
  const frames = thread?.frames ?? [];
  const test = frames.findIndex((frame) => frame.function?.startsWith("test") && /(?:^|[\\/])test_[^\\/]*\.py$/.test(frame.file));
  if (test <= 0) return frames[0];
  return { ...frames[test], via: frames[0] };
}

// src/parse/refcount-series.ts
var MAX_SERIES_SAMPLES = 1e4;
var SAMPLE_START = "gettotalrefcount";
var SAMPLE = regExp`^${SAMPLE_START}(?:\[([^\]]*)\])? = (-?\d+)$`;
var REFCOUNT_SERIES_ROUTING = { startCharacters: firstCharacters(SAMPLE_START) };
var RefcountSeriesParser = class {
  samples = [];
  dropped = 0;
  count = 0;
  first;
  last;
  growths = /* @__PURE__ */ new Set();
  diagnostics = emptyDiagnostics();
  next(line, lineNumber) {
    if (!line.startsWith(SAMPLE_START)) return false;
    const match = SAMPLE.exec(line);
    if (!match) {
      addDiagnostic(this.diagnostics, lineNumber, `not a gettotalrefcount sample: ${line.slice(0, 120)}`);
      return false;
    }
    const total = Number(match[2]);
    if (!Number.isSafeInteger(total)) {
      addDiagnostic(this.diagnostics, lineNumber, `gettotalrefcount value out of range: ${match[2].slice(0, 40)}`);
      return true;
    }
    this.count++;
    const growth = this.last ? total - this.last.total : void 0;
    const sample = { line: lineNumber, step: match[1] ?? String(this.count), total, ...growth !== void 0 ? { growth } : {} };
    if (growth !== void 0 && this.count > 2 && this.growths.size < 2) this.growths.add(growth);
    if (this.samples.length < MAX_SERIES_SAMPLES) this.samples.push(sample);
    else this.dropped++;
    this.first ??= sample;
    this.last = sample;
    return true;
  }
  end() {
    const { first, last } = this;
    return {
      samples: this.samples,
      dropped: this.dropped,
      ...first ? { first } : {},
      ...last ? { last } : {},
      ...first && last ? { totalGrowth: last.total - first.total } : {},
      ...this.growths.size === 1 && this.count >= 4 ? { steadyGrowth: [...this.growths][0] } : {},
      diagnostics: this.diagnostics
    };
  }
};

// src/parse/regrtest.ts
var MAX_REGRTEST_TESTS = 2e4;
var MAX_LEAKS_PER_TEST = 100;
var MAX_HEADER_LINES = 100;
var PROGRESS = /^\[\s*\d+\/\d+(?:\/\d+)?\] (\S+)(?: (.*))?$/;
var LEAK_MARKER = " leaked [";
var LEAK = regExp`^(\S(?:.*?\S)?)${LEAK_MARKER}(-?\d+(?:, -?\d+)*)?\] (references|memory blocks|file descriptors), sum=(-?\d+)( \(this is fine\))?$`;
var RESULT_WORDS = /^(passed|failed|crashed|skipped|timed out|ran no tests|run no tests|interrupted|resource denied|env changed|worker bug|worker non-zero exit code)\b/;
var STANDALONE_RESULT = /^(test\S*) ((?:passed|failed|crashed|skipped|timed out|ran no tests|run no tests|interrupted|resource denied|worker non-zero exit code)\b.*)$/;
var REASON_LINE = /^(?:test )?(test\S*) (skipped|failed|crashed) -- (.*)$/;
var ENV_WARNING = /^Warning -- (.*)$/;
var MAX_WARNINGS_PER_TEST = 10;
var TRACEBACK_START = "Traceback (most recent call last):";
var WORKER_FAILED = "regrtest worker thread failed:";
var TRACEBACK_HEAD_LINES = 3;
var MAX_TRACEBACK_LINES = 30;
var REGRTEST_START_CHARACTERS = "0123456789[=tbFTRAUWl-";
var REGRTEST_FIRST_CHARS = asciiTable(REGRTEST_START_CHARACTERS);
var REGRTEST_ROUTING = { startCharacters: REGRTEST_START_CHARACTERS, markers: [LEAK_MARKER] };
var isDigit = (code3) => code3 >= 48 && code3 <= 57;
function logPrefixLength(line) {
  let end = 0;
  let index = 0;
  while (isDigit(line.charCodeAt(index))) index++;
  if (index > 0 && line.charCodeAt(index) === 58 && isDigit(line.charCodeAt(index + 1)) && isDigit(line.charCodeAt(index + 2)) && line.charCodeAt(index + 3) === 58 && isDigit(line.charCodeAt(index + 4)) && isDigit(line.charCodeAt(index + 5)) && line.charCodeAt(index + 6) === 32)
    end = index + 7;
  if (line.startsWith("load avg: ", end)) {
    index = end + 10;
    const integer = index;
    while (isDigit(line.charCodeAt(index))) index++;
    if (index > integer && line.charCodeAt(index) === 46) {
      const fraction = ++index;
      while (isDigit(line.charCodeAt(index))) index++;
      if (index > fraction && line.charCodeAt(index) === 32) end = index + 1;
    }
  }
  return end;
}
var DURATION_SUFFIX = / \((?:\d+ (?:hour|min) )*\d+(?:\.\d+)? (?:sec|ms)\)$/;
var LIST_HEADING = /^(All )?(\d+) (?:tests?|re-run tests?) ?(.*?):$/;
var OK_LINE = /^(?:All )?(\d+) tests? OK\.$/;
var SLOWEST_ENTRY = /^- (\S+): (.+)$/;
var RegrtestParser = class {
  pythonVersion;
  header = [];
  mode;
  repetitions;
  tests = /* @__PURE__ */ new Map();
  current;
  summary = { lists: {}, counts: {} };
  openList;
  expectRepetitionProgress = 0;
  randomSeed;
  droppedTests = 0;
  droppedLeaks = 0;
  /** The traceback being read, and the test it belongs to (the test that was running when it was printed). */
  traceback;
  readingWorkerFailure = false;
  /** True while a summary list, the -R progress ruler or a traceback is open: then every line matters, whatever it starts with. */
  get busy() {
    return this.openList !== void 0 || this.expectRepetitionProgress > 0 || this.traceback !== void 0;
  }
  next(rawLine, lineNumber) {
    const first = rawLine.charCodeAt(0);
    if (this.traceback !== void 0 && this.continueTraceback(rawLine)) return true;
    if (this.openList === void 0 && this.expectRepetitionProgress === 0 && !(first < 128 && REGRTEST_FIRST_CHARS[first] === 1) && !rawLine.includes(LEAK_MARKER))
      return false;
    const prefix = isDigit(first) || first === 108 ? logPrefixLength(rawLine) : 0;
    const line = prefix === 0 ? rawLine : rawLine.slice(prefix);
    if (line === TRACEBACK_START && this.current) {
      this.traceback = { test: this.current, lines: [TRACEBACK_START], elided: 0 };
      return true;
    }
    if (this.openList !== void 0) {
      if (this.continueList(line)) return true;
      this.openList = void 0;
    }
    if (this.expectRepetitionProgress > 0) {
      this.expectRepetitionProgress--;
      if (/^[0-9:]+$/.test(line) || /^[.0-9X ]+$/.test(line)) return true;
    }
    const head = line.charCodeAt(0);
    const digit = head >= 48 && head <= 57;
    return (head === 82 || head === 85 || head === 61) && this.header_(line) || head === 91 && this.progress(line, lineNumber) || line.includes(LEAK_MARKER) && this.leak(line, lineNumber) || head === 98 && this.repetitionStart(line) || head === 70 && this.fatal(line) || (head === 116 || head === 87) && this.reasonOrWarning(line) || head === 116 && this.standaloneResult(line) || (digit || head === 61 || head === 84 || head === 82 || head === 65) && this.summaryLine(line);
  }
  end() {
    return {
      ...this.pythonVersion ? { pythonVersion: this.pythonVersion } : {},
      header: this.header,
      ...this.mode ? { mode: this.mode } : {},
      ...this.repetitions !== void 0 ? { repetitions: this.repetitions } : {},
      tests: settleOutcomes([...this.tests.values()], this.summary),
      summary: this.summary,
      ...this.randomSeed !== void 0 ? { randomSeed: this.randomSeed } : {},
      ...this.droppedTests > 0 ? { droppedTests: this.droppedTests } : {},
      ...this.droppedLeaks > 0 ? { droppedLeaks: this.droppedLeaks } : {}
    };
  }
  reasonOrWarning(line) {
    let match = line.charCodeAt(0) === 116 ? REASON_LINE.exec(line) : null;
    if (match && this.tests.has(match[1])) {
      const test = this.tests.get(match[1]);
      test.reason ??= own(match[3].slice(0, 300));
      if (test.result === void 0) this.setResult(test, match[2]);
      if (match[3] === TRACEBACK_START) this.traceback = { test, lines: [TRACEBACK_START], elided: 0 };
      return true;
    }
    match = line.charCodeAt(0) === 87 ? ENV_WARNING.exec(line) : null;
    if (match && this.readingWorkerFailure) {
      const text3 = match[1];
      if (text3.charCodeAt(0) === 32) return true;
      this.readingWorkerFailure = false;
      this.summary.workerFailure.exception = own(text3.slice(0, 300));
      return true;
    }
    if (match?.[1].startsWith(WORKER_FAILED)) {
      const message = match[1].slice(WORKER_FAILED.length).trim();
      this.summary.workerFailure ??= { message: own(message.slice(0, 300)) };
      this.readingWorkerFailure = message === TRACEBACK_START;
      return true;
    }
    if (match && this.current) {
      const warnings = this.current.warnings ??= [];
      if (warnings.length < MAX_WARNINGS_PER_TEST) warnings.push(own(match[1].slice(0, 300)));
      return true;
    }
    return false;
  }
  header_(line) {
    switch (line.charCodeAt(0)) {
      case 82:
        if (line === "Run tests sequentially" || line.startsWith("Run tests sequentially (")) {
          this.mode = "sequential";
          return true;
        }
        if (/^Run (?:\d+ tests? )?sequentially in a single process(?: \(timeout: [^)]*\))?$/.test(line)) {
          this.mode = "sequential";
          return true;
        }
        if (/^Run (?:\d+ )?tests? in parallel using \d+ (?:child process|worker process)/.test(line)) {
          this.mode = "parallel";
          return true;
        }
        return false;
      case 85: {
        const seed = /^Using random seed:? (\d+)$/.exec(line);
        if (seed) this.randomSeed = Number(seed[1]);
        return seed !== null;
      }
      case 61: {
        const header = /^== (?!Tests result:)(.+?)$/.exec(line);
        if (!header) return false;
        if (this.header.length < MAX_HEADER_LINES) this.header.push(header[1]);
        const version = /^CPython (\S+)/.exec(header[1]);
        if (version) this.pythonVersion = version[1];
        return true;
      }
    }
    return false;
  }
  progress(line, lineNumber) {
    const match = PROGRESS.exec(line);
    if (!match) return false;
    const [, name, rest = ""] = match;
    const [ownResult, previous] = splitOnce(rest, " -- ");
    if (previous !== void 0) this.applyResultText(previous);
    const test = this.test(name, lineNumber);
    this.current = test;
    if (ownResult && RESULT_WORDS.test(ownResult)) this.setResult(test, ownResult);
    return true;
  }
  leak(line, lineNumber) {
    const match = LEAK.exec(line);
    if (!match) return false;
    const [, name, deltas = "", kind, sum2, fine] = match;
    const leaks = this.test(name, lineNumber).leaks;
    if (leaks.length >= MAX_LEAKS_PER_TEST) {
      this.droppedLeaks++;
      return true;
    }
    leaks.push({
      kind: own(kind),
      deltas: deltas ? deltas.split(", ").map(Number) : [],
      sum: Number(sum2),
      informational: fine !== void 0,
      line: lineNumber
    });
    return true;
  }
  repetitionStart(line) {
    const match = /^beginning (\d+) repetitions\b/.exec(line);
    if (!match) return false;
    this.repetitions = Number(match[1]);
    this.expectRepetitionProgress = 2;
    return true;
  }
  fatal(line) {
    const match = /^Fatal Python error: (.+)$/.exec(line);
    if (!match) return false;
    if (this.current && this.current.fatalError === void 0) this.current.fatalError = own(match[1]);
    return true;
  }
  standaloneResult(line) {
    const match = STANDALONE_RESULT.exec(line);
    if (!match || !this.tests.has(match[1])) return false;
    this.setResult(this.tests.get(match[1]), match[2]);
    return true;
  }
  summaryLine(line) {
    const first = line.charCodeAt(0);
    let match;
    if (first === 61 || first === 84) {
      if (match = /^(?:== )?Tests result: (.+?)(?: ==)?$/.exec(line)) {
        this.summary.state = match[1];
        return true;
      }
      if (first === 61 || !line.startsWith("Total ")) return false;
      if (match = /^Total duration: (.+)$/.exec(line)) {
        this.summary.totalDuration = match[1];
        return true;
      }
      if (match = /^Total tests: (.+)$/.exec(line)) {
        this.summary.totalTests = match[1];
        return true;
      }
      if (match = /^Total test files: (.+)$/.exec(line)) {
        this.summary.totalTestFiles = match[1];
        return true;
      }
      return false;
    }
    if (first === 82) {
      if (match = /^Result: (.+)$/.exec(line)) this.summary.state = match[1];
      return match !== null;
    }
    if (match = OK_LINE.exec(line)) {
      this.summary.counts.ok = Number(match[1]);
      return true;
    }
    if (first !== 65 && (match = /^(\d+) slowest tests:$/.exec(line))) {
      this.openList = "slowest";
      this.summary.lists.slowest = [];
      return true;
    }
    if (match = LIST_HEADING.exec(line)) {
      const name = listName(line, match[3]);
      this.summary.counts[name] = Number(match[2]);
      this.summary.lists[name] = [];
      this.openList = name;
      return true;
    }
    return false;
  }
  /**
   * A traceback's frame and source lines are indented; its first line that is not ends it: the
   * exception, e.g. `ModuleNotFoundError: No module named 'pytest'`, the cause a failure's finding
   * names. The first traceback of a test is kept (a chained exception's first part is the origin).
   */
  continueTraceback(line) {
    const traceback = this.traceback;
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      if (traceback.test.exception !== void 0) return true;
      if (traceback.lines.length === MAX_TRACEBACK_LINES) {
        traceback.lines.splice(TRACEBACK_HEAD_LINES, 1);
        traceback.elided++;
      }
      traceback.lines.push(own(line.slice(0, 300)));
      return true;
    }
    this.traceback = void 0;
    if (line.trim() === "" || PROGRESS.test(line.slice(logPrefixLength(line)))) return false;
    const exception = own(line.slice(0, 300));
    if (traceback.test.exception === void 0) {
      traceback.test.exception = exception;
      const { lines, elided } = traceback;
      traceback.test.traceback = elided ? [...lines.slice(0, TRACEBACK_HEAD_LINES), `  ... (${elided} more lines)`, ...lines.slice(TRACEBACK_HEAD_LINES), exception] : [...lines, exception];
    }
    return true;
  }
  continueList(line) {
    const list = this.summary.lists[this.openList];
    if (this.openList === "slowest") {
      const entry = SLOWEST_ENTRY.exec(line);
      if (!entry) return false;
      list.push(`${entry[1]}: ${entry[2]}`);
      return true;
    }
    if (!/^ {4}\S/.test(line)) return false;
    list.push(...line.trim().split(/\s+/));
    return true;
  }
  applyResultText(text3) {
    const match = STANDALONE_RESULT.exec(text3);
    if (match && this.tests.has(match[1])) this.setResult(this.tests.get(match[1]), match[2]);
  }
  setResult(test, text3) {
    const cut = text3.indexOf(" -- ");
    let result = cut < 0 ? text3 : text3.slice(0, cut);
    if (result.charCodeAt(result.length - 1) === 41) {
      const duration = DURATION_SUFFIX.exec(result);
      if (duration) {
        test.seconds = durationSeconds(duration[0]);
        result = result.slice(0, duration.index);
      }
    }
    if (test.result === result) return;
    test.result = own(result);
    test.outcome = outcomeOf2(result);
  }
  test(name, lineNumber) {
    let test = this.tests.get(name);
    if (!test) {
      test = { name: own(name), outcome: "unknown", leaks: [], line: lineNumber };
      if (this.tests.size < MAX_REGRTEST_TESTS) this.tests.set(test.name, test);
      else this.droppedTests++;
    }
    return test;
  }
};
var DURATION_UNIT_SECONDS = { hour: 3600, min: 60, sec: 1, ms: 1e-3 };
function durationSeconds(text3) {
  let seconds = 0;
  for (const [, value, unit] of text3.matchAll(/(\d+(?:\.\d+)?) (hour|min|sec|ms)/g)) seconds += Number(value) * DURATION_UNIT_SECONDS[unit];
  return Math.round(seconds * 1e3) / 1e3;
}
function outcomeOf2(result) {
  if (result.startsWith("passed")) return "passed";
  if (result.startsWith("failed (reference leak)")) return "leaked";
  if (result.startsWith("failed (env changed)") || result.startsWith("env changed")) return "env-changed";
  if (result.startsWith("failed")) return "failed";
  if (result.startsWith("crashed") || result.startsWith("worker bug") || result.startsWith("worker non-zero exit code")) return "crashed";
  if (result.startsWith("timed out")) return "timed-out";
  if (result.startsWith("skipped (resource denied)") || result.startsWith("resource denied")) return "resource-denied";
  if (result.startsWith("skipped")) return "skipped";
  if (result.startsWith("ran no tests") || result.startsWith("run no tests")) return "no-tests";
  if (result.startsWith("interrupted")) return "interrupted";
  return "unknown";
}
function listName(line, words) {
  if (line.includes("altered the execution environment")) return "env changed";
  if (line.includes("re-run")) return "re-run";
  if (words.startsWith("skipped (resource denied)")) return "resource denied";
  return words.replace(/^\((.*)\)$/, "$1") || "tests";
}
function splitOnce(text3, separator) {
  const index = text3.indexOf(separator);
  return index < 0 ? [text3, void 0] : [text3.slice(0, index), text3.slice(index + separator.length)];
}
function isTestCaseId(line) {
  return /^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*){2,}$/.test(line.trim());
}
function settleOutcomes(tests, summary) {
  const known = new Set(tests.map((test) => test.name));
  for (const name of summary.lists.omitted ?? []) {
    if (!known.has(name)) tests.push({ name, outcome: "omitted", leaks: [], line: 0 });
  }
  const listed = /* @__PURE__ */ new Map();
  const fromList = [
    ["failed", "failed"],
    ["env changed", "env-changed"],
    ["skipped", "skipped"],
    ["resource denied", "resource-denied"],
    ["run no tests", "no-tests"]
  ];
  for (const [list, outcome] of fromList) for (const name of summary.lists[list] ?? []) if (!listed.has(name)) listed.set(name, outcome);
  for (const test of tests) {
    if (test.outcome !== "unknown") continue;
    const outcome = listed.get(test.name);
    if (outcome) test.outcome = outcome === "failed" && test.leaks.some((leak) => !leak.informational) ? "leaked" : outcome;
    else if (summary.counts.ok !== void 0 && summary.counts.ok > 0) test.outcome = "passed";
  }
  return tests;
}

// src/parse/sanitizer.ts
var MAX_SANITIZER_REPORTS = 100;
var MAX_FRAMES = 32;
var MAX_LEAKS = 100;
var PID_START = "==";
var ERROR_HEADER = regExp`^${PID_START}(\d+)==ERROR: (AddressSanitizer|LeakSanitizer|MemorySanitizer|ThreadSanitizer): (\S+(?: \S+)*?)(?: on (?:unknown )?address .*| on .*)?$`;
var WARNING_START = "WARNING: ";
var WARNING_HEADER = regExp`^${WARNING_START}(ThreadSanitizer|MemorySanitizer): (.+?)(?: \(pid=(\d+)\))?$`;
var RULE_CHARACTERS = "=-";
var MIN_RULE_LENGTH = 20;
var SHADOW_HEADING = "Shadow bytes around the buggy address:";
var SUPPRESSIONS_HEADING = "Suppressions used:";
var FRAME2 = /^ {4}#(\d+) (0x[0-9a-f]+)(?: in (.+?))?(?: (\S+?)(?::(\d+))?(?::(\d+))?)?$/;
var FRAME_SHAPE2 = /^ {4}#\d+ 0x[0-9a-f]+(?: in .+| \S+)?$/;
var FRAME_SHAPES = /(?: {4}#\d+ 0x[0-9a-f]+(?: in [^\n\r\u2028\u2029]+| [^\s]+)?(?:\n|$))+/y;
var SHADOW_ROW = /^ {2}(?:0x[0-9a-f]+|[A-Z][\w ]*):/;
var SHADOW_ROWS = /(?: {2}(?:0x[0-9a-f]+|[A-Z][\w ]*):(?:[^\n]*[^\n\r])?(?:\n|$))+/y;
var FRAME_MODULE = /^\((.+?)\+0x[0-9a-f]+\)$/;
var ACCESS = /^(READ|WRITE) of size (\d+) at (0x[0-9a-f]+) thread (\S+)/;
var TSAN_ACCESS = /^ {2}(Previous )?((?:[Aa]tomic )?(?:[Rr]ead|[Ww]rite)) of size (\d+) at (0x[0-9a-f]+) by (main thread|thread (T\d+))(?: \(mutexes: [^)]*\))?:$/;
var TSAN_STACK_HEADING = /^ {2}(Thread T\d+ \([^)]*\) created by (?:main thread|thread T\d+)|Mutex \S+ \([^)]*\) created|Location is heap block of size \d+ at 0x[0-9a-f]+ allocated by (?:main thread|thread T\d+))(?: at)?:$/;
var TSAN_LOCATION = /^ {2}Location is (?:global|stack of|TLS of|heap block) /;
var TSAN_FRAME = /^ {4}#(\d+) (\S+) (\S+?)(?::(\d+))?(?::(\d+))? \((\S+?)\+0x[0-9a-f]+\)$/;
var LOCATION2 = /^0x[0-9a-f]+ is located (\d+) bytes (to the right of|to the left of|inside of|after|before) (\d+)-byte region/;
var STACK_HEADING = /^((?:previously )?(?:allocated|freed) by thread \S+(?: \([^)]*\))? here|Thread \S+ created by .+ here):$/;
var LEAK2 = /^(Direct|Indirect) leak of (\d+) byte\(s\) in (\d+) object\(s\) allocated from:$/;
var SUMMARY_START = "SUMMARY: ";
var SUMMARY = regExp`^${SUMMARY_START}(AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|ThreadSanitizer|MemorySanitizer): (.*)$`;
var LEAK_SUMMARY = /^(\d+) byte\(s\) leaked in (\d+) allocation\(s\)\.$/;
var RUNTIME_ERROR_MARKER = ": runtime error: ";
var UBSAN = regExp`^([^:]+):(\d+)(?::(\d+))?${RUNTIME_ERROR_MARKER}(.+)$`;
var SUPPRESSION_ROW = /^ *(\d+) +(\d+) +(\S.*)$/;
var PID_LINE = regExp`^${PID_START}\d+==`;
var SANITIZER_ROUTING = {
  startCharacters: firstCharacters(PID_START, WARNING_START, SUMMARY_START, SHADOW_HEADING, SUPPRESSIONS_HEADING) + RULE_CHARACTERS,
  markers: [RUNTIME_ERROR_MARKER]
};
var RULE_FIRST = asciiTable(RULE_CHARACTERS);
function isRule(line) {
  const character = line.charCodeAt(0);
  if (!(character < 128 && RULE_FIRST[character] === 1) || line.length < MIN_RULE_LENGTH) return false;
  for (let index = 1; index < line.length; index++) if (line.charCodeAt(index) !== character) return false;
  return true;
}
var SanitizerParser = class {
  constructor(hints = {}) {
    this.hints = hints;
  }
  hints;
  reports = new BoundedList(MAX_SANITIZER_REPORTS);
  suppressed = [];
  diagnostics = emptyDiagnostics();
  state = "idle";
  current;
  stack;
  currentKept = false;
  /** The last rule `next` turned down (outside a report): a header right after it claims it. */
  ruleLine = -1;
  /** See LineParser.claimsLineBefore: the header `next` just read came right after a rule it turned down. */
  claimsLineBefore = false;
  /** Inside a report, shadow map or suppression table: every line matters until it ends. */
  get busy() {
    return this.state !== "idle";
  }
  /** The fast path (LineParser.ownedRun): stack frames and shadow rows, which hold ':'. */
  ownedRun(block, from, _lineNumber, others) {
    return guardedRun(this, block, from, others);
  }
  /**
   * For guardedRun, a line free of other formats' markers: a frame of the current stack, or a row of
   * the shadow map, taken as `next` would take it. False, with nothing changed, for any other line.
   */
  ownedLine(line) {
    if (line.charCodeAt(0) !== 32) return false;
    if (this.state === "shadow") return SHADOW_ROW.test(line);
    return this.inStack() && this.stackFrame(line);
  }
  /**
   * Lines ownedLine would take now without changing anything (a shadow row, a frame of a report past
   * the cap), as one regex for a run of them in a block's text; undefined when there are none.
   */
  ownedLines() {
    if (this.state === "shadow") return SHADOW_ROWS;
    return this.inStack() && !this.currentKept ? FRAME_SHAPES : void 0;
  }
  /** Inside a report's stack, where a frame line is this report's next frame. */
  inStack() {
    return this.state === "report" && this.current !== void 0 && this.stack !== void 0;
  }
  /** A frame of the current stack: false, with nothing changed, for any other line. */
  stackFrame(line) {
    if (!this.currentKept) return FRAME_SHAPE2.test(line) || TSAN_FRAME.test(line);
    const match = FRAME2.exec(line);
    if (match !== null) {
      const [, index2, address, fn2, location2, lineText2, column2] = match;
      const module2 = location2 ? FRAME_MODULE.exec(location2) : null;
      this.pushFrame({
        index: Number(index2),
        address,
        ...fn2 ? { function: fn2 } : {},
        ...location2 && !module2 ? { file: location2 } : {},
        ...lineText2 ? { line: Number(lineText2) } : {},
        ...column2 ? { column: Number(column2) } : {},
        ...module2 ? { module: module2[1] } : {}
      });
      return true;
    }
    const tsan = TSAN_FRAME.exec(line);
    if (tsan === null) return false;
    const [, index, fn, location, lineText, column, module] = tsan;
    this.pushFrame({
      index: Number(index),
      ...fn !== "<null>" ? { function: fn } : {},
      ...location !== "<null>" ? { file: location } : {},
      ...lineText ? { line: Number(lineText) } : {},
      ...column ? { column: Number(column) } : {},
      module
    });
    return true;
  }
  next(line, lineNumber) {
    this.claimsLineBefore = false;
    const first = line.charCodeAt(0);
    let match;
    if (isRule(line)) {
      if (this.state !== "idle" || this.current !== void 0) return true;
      this.ruleLine = lineNumber;
      return false;
    }
    if (first === 61) {
      if (match = ERROR_HEADER.exec(line)) {
        this.start(lineNumber, match[2], match[3], line, Number(match[1]));
        return this.claimRule(lineNumber);
      }
      if (PID_LINE.test(line)) {
        if (/ABORTING$/.test(line)) this.closeReport();
        return true;
      }
    }
    if (first === 83) {
      if (match = SUMMARY.exec(line)) {
        this.summary(match[1], match[2], lineNumber);
        return true;
      }
      if (line === SHADOW_HEADING) {
        this.state = "shadow";
        return true;
      }
      if (line === SUPPRESSIONS_HEADING) {
        this.state = "suppressions";
        return this.claimRule(lineNumber);
      }
    }
    if (first === 87 && (match = WARNING_HEADER.exec(line))) {
      this.start(lineNumber, match[1], match[2], line, match[3] ? Number(match[3]) : void 0);
      return this.claimRule(lineNumber);
    }
    if (this.state === "suppressions") {
      if (/^ *count +bytes +template$/.test(line)) return true;
      if (match = SUPPRESSION_ROW.exec(line)) {
        if (this.suppressed.length < 1e3) this.suppressed.push({ count: Number(match[1]), bytes: Number(match[2]), name: match[3] });
        return true;
      }
      if (/^-+$/.test(line) || line === "") return true;
      this.state = "idle";
    }
    if (this.state === "shadow") {
      if (line.startsWith("  ") || line.startsWith("=>") || line.startsWith("Shadow byte legend")) return true;
      this.state = this.current ? "report" : "idle";
    }
    if (line.includes(RUNTIME_ERROR_MARKER) && (match = UBSAN.exec(line))) {
      this.start(lineNumber, "UndefinedBehaviorSanitizer", match[4].split(":")[0], match[4]);
      this.current.at = { file: match[1], line: Number(match[2]), ...match[3] ? { column: Number(match[3]) } : {} };
      this.stack = { role: "access", frames: [] };
      this.current.stacks.push(this.stack);
      return true;
    }
    if (!this.current) return false;
    if (first === 32 && this.stack && this.stackFrame(line)) return true;
    if (line === "") {
      this.stack = void 0;
      if (this.current.tool === "UndefinedBehaviorSanitizer" && this.current.stacks.every((stack) => stack.frames.length > 0)) {
        this.closeReport();
        return true;
      }
      return this.state === "report";
    }
    if (first === 32 && (match = TSAN_ACCESS.exec(line))) {
      const thread = match[6] ?? match[5];
      const operation = match[2][0].toUpperCase() + match[2].slice(1);
      if (match[1]) this.stack = { role: `previous ${match[2].toLowerCase()} by ${match[5]}`, frames: [] };
      else {
        this.current.access = { operation, size: Number(match[3]), address: match[4], thread };
        this.stack = { role: "access", frames: [] };
      }
      if (this.current.stacks.length < 16) this.current.stacks.push(this.stack);
      return true;
    }
    if (first === 32 && (match = TSAN_STACK_HEADING.exec(line))) {
      this.stack = { role: match[1].replace(/ \([^)]*\)/, ""), frames: [] };
      if (this.current.stacks.length < 16) this.current.stacks.push(this.stack);
      return true;
    }
    if (first === 32 && TSAN_LOCATION.test(line)) {
      this.stack = void 0;
      return true;
    }
    if (match = ACCESS.exec(line)) {
      this.current.access = { operation: match[1], size: Number(match[2]), address: match[3], thread: match[4] };
      this.stack = { role: "access", frames: [] };
      this.current.stacks.push(this.stack);
      return true;
    }
    if (match = LOCATION2.exec(line)) {
      this.current.location = { offset: Number(match[1]), direction: match[2], regionSize: Number(match[3]) };
      return true;
    }
    if (match = STACK_HEADING.exec(line)) {
      this.stack = { role: match[1], frames: [] };
      if (this.current.stacks.length < 16) this.current.stacks.push(this.stack);
      return true;
    }
    if (match = LEAK2.exec(line)) {
      this.stack = { role: "allocated from", frames: [] };
      const leak = { direct: match[1] === "Direct", bytes: Number(match[2]), objects: Number(match[3]), stack: this.stack };
      if (this.current.leaks.length < MAX_LEAKS) this.current.leaks.push(leak);
      else this.current.droppedLeaks++;
      return true;
    }
    if (this.state === "report" && /^(?:HINT|AddressSanitizer|LeakSanitizer|The signal is caused|Address 0x|This frame has| {2}\[|Objects leaked above|==\d+==)/.test(line))
      return true;
    return false;
  }
  /** A report's header or a suppression table's heading, recognised: the rule right before it, turned down then, is its too. */
  claimRule(lineNumber) {
    this.claimsLineBefore = this.ruleLine === lineNumber - 1;
    return true;
  }
  end() {
    if (this.current && this.current.summary === void 0 && this.current.tool !== "UndefinedBehaviorSanitizer") {
      this.current.truncated = true;
      addDiagnostic(this.diagnostics, this.current.line, `${this.current.tool} report at line ${this.current.line} has no SUMMARY line`);
    }
    for (const report of this.reports.items) this.pickCulprit(report);
    return { reports: this.reports.items, droppedReports: this.reports.dropped, suppressed: this.suppressed, diagnostics: this.diagnostics };
  }
  start(lineNumber, tool, kind, message, pid) {
    if (this.current && this.current.summary === void 0 && this.current.tool !== "UndefinedBehaviorSanitizer") {
      this.current.truncated = true;
      addDiagnostic(this.diagnostics, lineNumber, `${this.current.tool} report at line ${this.current.line} ended before its SUMMARY line`);
    }
    this.current = { line: lineNumber, tool, ...pid !== void 0 ? { pid } : {}, kind, message, stacks: [], leaks: [], droppedLeaks: 0 };
    this.currentKept = this.reports.push(this.current);
    this.stack = void 0;
    this.state = "report";
  }
  pushFrame(frame) {
    const stack = this.stack;
    if (stack.frames.length >= MAX_FRAMES) {
      stack.truncated = true;
      return;
    }
    stack.frames.push({ ...frame, origin: classifyFrame(frame, this.hints) });
  }
  summary(tool, text3, lineNumber) {
    if (!this.current || this.current.tool !== tool && !(tool === "AddressSanitizer" && this.current.tool === "LeakSanitizer")) {
      if (tool !== "UndefinedBehaviorSanitizer" || !this.current) {
        this.start(lineNumber, tool, text3.split(" ")[0], `SUMMARY: ${tool}: ${text3}`);
        this.current.truncated = true;
        addDiagnostic(this.diagnostics, lineNumber, `${tool} SUMMARY without a report header`);
      }
    }
    const report = this.current;
    report.summary = text3;
    const leaked = LEAK_SUMMARY.exec(text3);
    if (leaked) {
      report.leakedBytes = Number(leaked[1]);
      report.leakedAllocations = Number(leaked[2]);
    }
    this.stack = void 0;
    this.closeReport();
  }
  closeReport() {
    this.state = "idle";
    this.current = void 0;
    this.stack = void 0;
  }
  pickCulprit(report) {
    const stacks = report.leaks.length > 0 ? report.leaks.map((leak) => leak.stack) : report.stacks;
    for (const stack of stacks) {
      const culprit = stack.frames.find((frame) => frame.origin === "extension");
      if (culprit) {
        report.culprit = culprit;
        return;
      }
    }
  }
};

// src/parse/showrefcount.ts
var MAX_REFCOUNT_SAMPLES = 1e4;
var PROMPT = ">>>";
var CONTINUATION_PROMPT = "...";
var TOTALS_OPEN = "[";
var REFCOUNT_LINE = regExp`^(?:${[PROMPT, CONTINUATION_PROMPT]} )*${TOTALS_OPEN}(-?\d+) refs, (-?\d+) blocks\]$`;
var SHOWREFCOUNT_ROUTING = { startCharacters: firstCharacters(TOTALS_OPEN, PROMPT, CONTINUATION_PROMPT) };
var ShowRefcountParser = class {
  samples = [];
  dropped = 0;
  final;
  next(line, lineNumber) {
    const match = REFCOUNT_LINE.exec(line);
    if (!match) return false;
    const sample = { line: lineNumber, refs: Number(match[1]), blocks: Number(match[2]) };
    if (this.samples.length < MAX_REFCOUNT_SAMPLES) this.samples.push(sample);
    else this.dropped++;
    this.final = sample;
    return true;
  }
  end() {
    return { samples: this.samples, dropped: this.dropped, ...this.final ? { final: this.final } : {} };
  }
};

// src/parse/valgrind-xml.ts
var MAX_VALGRIND_ERRORS = 200;
var MAX_FRAMES2 = 24;
var MAX_STACKS = 4;
var MAX_DEPTH = 16;
var MAX_ERROR_COUNTS = 1e4;
var FRAME_FIELDS = /* @__PURE__ */ new Set(["ip", "obj", "fn", "dir", "file", "line"]);
var LINE_STARTS = "< 	";
var LINE_FIRST_CHARACTERS = asciiTable(LINE_STARTS);
var VALGRIND_XML_ROUTING = { startCharacters: LINE_STARTS };
var TOKEN = /<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>|([^<]+)/g;
var ENTITIES2 = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'" };
function isPlainTagName(line, start, end) {
  for (let index = start; index < end; index++) {
    const code3 = line.charCodeAt(index);
    const letter = code3 >= 65 && code3 <= 90 || code3 >= 97 && code3 <= 122 || code3 === 95;
    if (letter || index > start && (code3 >= 48 && code3 <= 57 || code3 === 45 || code3 === 46)) continue;
    return false;
  }
  return true;
}
var KNOWN_TAGS = [
  "line",
  "ip",
  "obj",
  "fn",
  "dir",
  "file",
  "frame",
  "stack",
  "unique",
  "tid",
  "kind",
  "what",
  "error",
  "xwhat",
  "text",
  "leakedbytes",
  "leakedblocks",
  "auxwhat",
  "pair",
  "count",
  "name",
  "status",
  "state",
  "time",
  "arg",
  "exe",
  "errorcounts",
  "suppcounts",
  "valgrindoutput",
  "protocolversion",
  "protocoltool",
  "preamble",
  "pid",
  "ppid",
  "tool",
  "args",
  "vargv",
  "argv",
  "threadname"
];
var TAGS_BY_LENGTH = [];
for (const tag of KNOWN_TAGS) (TAGS_BY_LENGTH[tag.length] ??= []).push(tag);
function tagName(line, start, end) {
  const candidates = TAGS_BY_LENGTH[end - start];
  if (candidates !== void 0) {
    const first = line.charCodeAt(start);
    for (let index = 0; index < candidates.length; index++) {
      const tag = candidates[index];
      if (tag.charCodeAt(0) === first && line.startsWith(tag, start)) return tag;
    }
  }
  return isPlainTagName(line, start, end) ? line.slice(start, end) : void 0;
}
function elementValue(text3) {
  return decode(text3.length > 0 && (text3.charCodeAt(0) <= 32 || text3.charCodeAt(text3.length - 1) <= 32) ? text3.trim() : text3);
}
function decode(text3) {
  return text3.includes("&") ? text3.replace(/&(?:lt|gt|amp|quot|apos);/g, (entity) => ENTITIES2[entity]) : text3;
}
var SKIPPED_FRAME = Object.freeze({});
var EOL = "(?:\\n|$)";
var element = (tags) => ` *<(?:${tags.map((tag) => `${tag}>[^<${MARKER_CHARACTER_CLASS}\\n]*<\\/${tag}`).join("|")})>${EOL}`;
var enclosing = (tag, content) => ` *<${tag}>${EOL}${content} *<\\/${tag}>${EOL}`;
var SKIPPED_FRAME_FIELD = element(["ip", "obj", "fn", "dir", "file", "line"]);
var SKIPPED_FRAME_FIELDS = new RegExp(`(?:${SKIPPED_FRAME_FIELD})+`, "y");
var SKIPPED_FRAME_LINES = enclosing("frame", `(?:${SKIPPED_FRAME_FIELD})*`);
var SKIPPED_FRAMES2 = new RegExp(`(?:${SKIPPED_FRAME_LINES})+`, "y");
var SKIPPED_ERROR = new RegExp(
  enclosing(
    "error",
    `(?:${element(["unique", "tid", "threadname", "kind", "what", "auxwhat"])}|${enclosing("xwhat", `(?:${element(["text", "leakedbytes", "leakedblocks"])})*`)}|${enclosing("stack", `(?:${SKIPPED_FRAME_LINES})*`)})*`
  ),
  "y"
);
var FRAME_OPEN = /^ *<frame>$/;
var FRAME_CLOSE = /^ *<\/frame>$/;
var ValgrindXmlParser = class {
  constructor(hints = {}) {
    this.hints = hints;
  }
  hints;
  inside = false;
  complete = false;
  path = [];
  text = "";
  errors = new BoundedList(MAX_VALGRIND_ERRORS);
  counts = /* @__PURE__ */ new Map();
  suppressed = [];
  diagnostics = emptyDiagnostics();
  info = {};
  error;
  frame;
  pair;
  /** Inside `<valgrindoutput>`: every line matters until it closes. */
  get busy() {
    return this.inside;
  }
  /** The fast path (LineParser.ownedRun): `ownedLine` over consecutive lines, up to `</valgrindoutput>`. */
  ownedRun(block, from, lineNumber) {
    let index = from;
    while (index < block.count && this.inside) {
      if (this.betweenSkippedErrors()) {
        for (let end = matchLines(SKIPPED_ERROR, block, index); end > index; end = matchLines(SKIPPED_ERROR, block, index)) {
          this.errors.dropped++;
          this.error = void 0;
          this.text = "";
          index = end;
        }
      } else if (this.inSkippedFrame()) {
        const end = matchLines(SKIPPED_FRAME_FIELDS, block, index);
        if (end > index) this.text = "";
        index = end;
      } else if (this.inSkippedStack()) {
        const end = matchLines(SKIPPED_FRAMES2, block, index);
        if (end > index) {
          this.frame = void 0;
          this.text = "";
        }
        index = end;
      }
      if (index === block.count || !this.ownedLine(lineAt(block, index), lineNumber + index - from)) break;
      index++;
    }
    return index - from;
  }
  inSkippedFrame() {
    const path31 = this.path;
    return this.frame === SKIPPED_FRAME && path31.length < MAX_DEPTH && path31[path31.length - 1] === "frame";
  }
  /** Where an `<error>` would open an error past the cap, with no frame being read. */
  betweenSkippedErrors() {
    return this.errors.items.length >= MAX_VALGRIND_ERRORS && this.frame === void 0 && this.path.length === 1 && this.path[0] === "valgrindoutput";
  }
  /** In a stack where a `<frame>` would open a frame past the cap (`open` pushes it, and its fields are skipped). */
  inSkippedStack() {
    const path31 = this.path;
    return this.errors.items.length >= MAX_VALGRIND_ERRORS && path31.length < MAX_DEPTH - 1 && path31[path31.length - 1] === "stack";
  }
  /**
   * The fast path's line while the XML is the only open block (fields of skipped frames are taken by
   * ownedRun): a one-element line with no MARKER_CHARACTERS (so no other format's content marker or
   * ANSI colour) is taken as `next` would take it. False, with nothing changed, for any other line.
   */
  ownedLine(line, lineNumber) {
    if (!this.inside) return false;
    if (this.inSkippedFrame() && FRAME_CLOSE.test(line)) {
      this.close("frame", lineNumber);
      return true;
    }
    if (FRAME_OPEN.test(line)) {
      this.open("frame", lineNumber);
      return true;
    }
    return !mayHoldMarker(line) && this.simpleLine(line, lineNumber);
  }
  next(line, lineNumber) {
    if (!this.inside) {
      const first = line.charCodeAt(0);
      if (!(first < 128 && LINE_FIRST_CHARACTERS[first] === 1)) return false;
      const open6 = first === 60 ? 0 : line.indexOf("<");
      if (open6 < 0 || open6 > 0 && line.slice(0, open6).trim() !== "") return false;
      if (line.startsWith("<?xml", open6) && line.includes("?>", open6)) return true;
      if (!line.startsWith("<valgrindoutput>", open6)) return false;
      this.inside = true;
      this.complete = false;
    }
    if (this.simpleLine(line, lineNumber)) return true;
    TOKEN.lastIndex = 0;
    for (let token = TOKEN.exec(line); token; token = TOKEN.exec(line)) {
      const [, closing, name, selfClosing, text3] = token;
      if (text3 !== void 0) {
        if (this.path.length > 0) this.text += text3;
        continue;
      }
      if (closing) this.close(name, lineNumber);
      else if (!selfClosing) this.open(name, lineNumber);
    }
    return true;
  }
  end() {
    if (this.inside && !this.complete)
      addDiagnostic(this.diagnostics, 0, "valgrind XML ended before </valgrindoutput> (the process was killed or the file truncated)");
    const errors = this.errors.items;
    for (const error of errors) error.count = this.counts.get(error.unique) ?? 1;
    return {
      ...this.info,
      errors,
      droppedErrors: this.errors.dropped,
      suppressed: this.suppressed,
      complete: this.complete,
      diagnostics: this.diagnostics
    };
  }
  /** Valgrind writes `<tag>`, `</tag>` or `<tag>text</tag>` alone on a line: read those without the tokenizer. */
  simpleLine(line, lineNumber) {
    const start = line.indexOf("<");
    if (start < 0 || !isSpaces(line, 0, start)) return false;
    const close = line.indexOf(">", start);
    if (close < 0 || close !== line.length - 1 && line.charCodeAt(line.length - 1) !== 62) return false;
    const closing = line.charCodeAt(start + 1) === 47;
    const nameStart = start + (closing ? 2 : 1);
    if (close === nameStart) return false;
    const name = tagName(line, nameStart, close);
    if (name === void 0) return false;
    if (close === line.length - 1) {
      if (closing) this.close(name, lineNumber);
      else this.open(name, lineNumber);
      return true;
    }
    const closingTag = line.length - name.length - 3;
    if (closing || closingTag <= close || line.charCodeAt(closingTag) !== 60 || line.charCodeAt(closingTag + 1) !== 47 || !line.startsWith(name, closingTag + 2))
      return false;
    const path31 = this.path;
    if (this.frame === SKIPPED_FRAME && path31.length < MAX_DEPTH && path31[path31.length - 1] === "frame" && FRAME_FIELDS.has(name)) {
      if (line.indexOf("<", close + 1) !== closingTag) return false;
      this.text = "";
      return true;
    }
    const text3 = line.slice(close + 1, closingTag);
    if (text3.includes("<")) return false;
    this.open(name, lineNumber);
    this.text = text3;
    this.close(name, lineNumber);
    return true;
  }
  open(name, lineNumber) {
    if (this.path.length >= MAX_DEPTH) return;
    this.path.push(name);
    this.text = "";
    if (name === "error" && this.path.length === 2) this.error = { line: lineNumber, unique: "", kind: "", what: "", stacks: [], auxWhat: [] };
    else if (name === "stack" && this.error && this.error.stacks.length < MAX_STACKS) this.error.stacks.push([]);
    else if (name === "frame") this.frame = this.errors.items.length >= MAX_VALGRIND_ERRORS ? SKIPPED_FRAME : {};
    else if (name === "pair") this.pair = {};
  }
  close(name, lineNumber) {
    if (name === "valgrindoutput") {
      this.inside = false;
      this.complete = true;
      this.path.length = 0;
      return;
    }
    const index = this.path.lastIndexOf(name);
    if (index < 0) {
      addDiagnostic(this.diagnostics, lineNumber, `unexpected </${name}>`);
      return;
    }
    const parent = this.path[index - 1];
    const grandparent = this.path[index - 2];
    this.path.length = index;
    const text3 = this.text;
    this.text = "";
    if (this.frame && parent === "frame") {
      if (this.frame !== SKIPPED_FRAME && FRAME_FIELDS.has(name)) this.frame[name] = elementValue(text3);
      return;
    }
    const value = elementValue(text3);
    if (name === "frame" && this.frame) {
      this.closeFrame();
      return;
    }
    if (this.error && grandparent === "error" && parent === "xwhat") {
      if (name === "text") this.error.what = value;
      else if (name === "leakedbytes") this.error.leakedBytes = Number(value);
      else if (name === "leakedblocks") this.error.leakedBlocks = Number(value);
      return;
    }
    if (this.error && parent === "error") {
      if (name === "unique") this.error.unique = value;
      else if (name === "kind") this.error.kind = value;
      else if (name === "what") this.error.what = value;
      else if (name === "auxwhat" && this.error.auxWhat.length < 8) this.error.auxWhat.push(value);
      return;
    }
    if (name === "error" && this.error) {
      this.closeError();
      return;
    }
    if (this.pair && parent === "pair") {
      if (name === "count") this.pair.count = Number(value);
      else if (name === "unique") this.pair.unique = value;
      else if (name === "name") this.pair.name = value;
      return;
    }
    if (name === "pair" && this.pair) {
      if (parent === "errorcounts" && this.pair.unique !== void 0 && this.counts.size < MAX_ERROR_COUNTS)
        this.counts.set(own(this.pair.unique), this.pair.count ?? 1);
      if (parent === "suppcounts" && this.pair.name !== void 0 && this.suppressed.length < 1e3)
        this.suppressed.push({ name: own(this.pair.name), count: this.pair.count ?? 0 });
      this.pair = void 0;
      return;
    }
    if (parent === "valgrindoutput") {
      if (name === "protocolversion") this.info.protocolVersion = Number(value);
      else if (name === "tool") this.info.tool = value;
      else if (name === "pid") this.info.pid = Number(value);
      return;
    }
    if (parent === "status" && name === "state") this.info.state = value;
    else if (parent === "preamble" && name === "line" && value.startsWith("Command: ")) this.info.command = value.slice("Command: ".length);
  }
  closeFrame() {
    const raw = this.frame;
    this.frame = void 0;
    const stack = this.error?.stacks[this.error.stacks.length - 1];
    if (!stack || stack.length >= MAX_FRAMES2 || this.errors.items.length >= MAX_VALGRIND_ERRORS) return;
    const frame = {};
    if (raw.ip !== void 0) frame.ip = raw.ip;
    if (raw.obj !== void 0) frame.object = raw.obj;
    if (raw.fn !== void 0) frame.function = raw.fn;
    if (raw.dir !== void 0) frame.directory = raw.dir;
    if (raw.file !== void 0) frame.file = raw.file;
    if (raw.line !== void 0 && /^\d+$/.test(raw.line)) frame.line = Number(raw.line);
    stack.push(frame);
  }
  closeError() {
    const draft = this.error;
    this.error = void 0;
    if (this.errors.items.length >= MAX_VALGRIND_ERRORS) {
      this.errors.dropped++;
      return;
    }
    const stacks = draft.stacks.map(
      (stack) => stack.map((frame) => {
        const file = frame.file !== void 0 ? frame.directory ? `${frame.directory}/${frame.file}` : frame.file : void 0;
        return { ...frame, origin: classifyFrame({ function: frame.function, file, module: frame.object }, this.hints) };
      })
    );
    const culprit = stacks[0]?.find((frame) => frame.origin === "extension");
    const attributed = (stacks[0] ?? []).filter((frame) => frame.origin !== "unknown");
    const blame = culprit ? "extension" : attributed.length > 0 && attributed.every((frame) => frame.origin !== "extension") ? "cpython" : "unknown";
    this.errors.push({
      line: draft.line,
      unique: draft.unique,
      kind: draft.kind,
      what: draft.what,
      ...draft.leakedBytes !== void 0 ? { leakedBytes: draft.leakedBytes } : {},
      ...draft.leakedBlocks !== void 0 ? { leakedBlocks: draft.leakedBlocks } : {},
      stacks,
      auxWhat: draft.auxWhat,
      count: 1,
      blame,
      ...culprit ? { culprit } : {}
    });
  }
};

// src/parse/detect.ts
var LOG_KINDS = [
  "regrtest",
  "showrefcount",
  "refcount-series",
  "mallocstats",
  "count-allocs",
  "pymalloc-debug",
  "fault",
  "sanitizer",
  "valgrind-xml",
  "census",
  "import-error"
];
var FORMATS = {
  regrtest: {
    routing: REGRTEST_ROUTING,
    create: () => {
      const parser = new RegrtestParser();
      return { parser, offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0) };
    }
  },
  showrefcount: {
    routing: SHOWREFCOUNT_ROUTING,
    create: () => {
      const parser = new ShowRefcountParser();
      return { parser, offer: (line, n) => parser.next(line, n) ? 1 : 0 };
    }
  },
  "refcount-series": {
    routing: REFCOUNT_SERIES_ROUTING,
    create: () => {
      const parser = new RefcountSeriesParser();
      return { parser, offer: (line, n) => parser.next(line, n) ? 1 : 0 };
    }
  },
  mallocstats: {
    routing: MALLOCSTATS_ROUTING,
    create: () => {
      const parser = new MallocStatsParser();
      return {
        parser,
        offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0),
        ownedRun: (block, from, n) => parser.ownedRun(block, from, n) * 2 + (parser.busy ? 1 : 0)
      };
    }
  },
  "count-allocs": {
    routing: COUNT_ALLOCS_ROUTING,
    create: () => {
      const parser = new CountAllocsParser();
      return { parser, offer: (line, n) => parser.next(line, n) ? 1 : 0 };
    }
  },
  "pymalloc-debug": {
    routing: PYMALLOC_DEBUG_ROUTING,
    create: () => {
      const parser = new PymallocDebugParser();
      return {
        parser,
        offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0),
        ownedRun: (block, from, n) => parser.ownedRun(block, from, n, OTHER_FORMATS) * 2 + (parser.busy ? 1 : 0)
      };
    }
  },
  fault: {
    routing: FAULT_ROUTING,
    create: () => {
      const parser = new FaultParser();
      return {
        parser,
        offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0),
        ownedRun: (block, from) => parser.ownedRun(block, from) * 2 + (parser.busy ? 1 : 0)
      };
    }
  },
  sanitizer: {
    routing: SANITIZER_ROUTING,
    create: (options) => {
      const parser = new SanitizerParser(options);
      return {
        parser,
        offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0) | (parser.claimsLineBefore ? 4 : 0),
        ownedRun: (block, from, n) => parser.ownedRun(block, from, n, OTHER_FORMATS) * 2 + (parser.busy ? 1 : 0)
      };
    }
  },
  "valgrind-xml": {
    routing: VALGRIND_XML_ROUTING,
    create: (options) => {
      const parser = new ValgrindXmlParser(options);
      return {
        parser,
        offer: (line, n) => (parser.next(line, n) ? 1 : 0) | (parser.busy ? 2 : 0),
        ownedRun: (block, from, n) => parser.ownedRun(block, from, n) * 2 + (parser.busy ? 1 : 0)
      };
    }
  },
  census: {
    routing: CENSUS_ROUTING,
    create: () => {
      const parser = new CensusParser();
      return { parser, offer: (line, n) => parser.next(line, n) ? 1 : 0 };
    }
  },
  "import-error": {
    routing: IMPORT_ERROR_ROUTING,
    create: () => {
      const parser = new ImportErrorParser();
      return { parser, offer: (line, n) => parser.next(line, n) ? 1 : 0 };
    }
  }
};
function declared(sort) {
  return LOG_KINDS.flatMap((kind, index) => (FORMATS[kind].routing[sort] ?? []).map((text3) => ({ text: text3, kind: index })));
}
var MARKERS = declared("markers");
for (const { text: text3 } of MARKERS) {
  if (!mayHoldMarker(text3)) throw new Error(`content marker ${JSON.stringify(text3)} holds none of "${MARKER_CHARACTERS}", which the detector checks for first`);
}
var ANY_MARKER = new RegExp(MARKERS.map(({ text: text3 }) => escapeRegExp(text3)).join("|"));
var ESCAPE_OR_MARKER = new RegExp(["\\x1b", ...MARKERS.map(({ text: text3 }) => escapeRegExp(text3))].join("|"));
var ENDINGS_BY_LAST_CHARACTER = new Array(128).fill(void 0);
for (const ending of declared("endings")) {
  const last = ending.text.charCodeAt(ending.text.length - 1);
  if (!(last < 128)) throw new Error(`line ending ${JSON.stringify(ending.text)} does not end in an ASCII character`);
  (ENDINGS_BY_LAST_CHARACTER[last] ??= []).push(ending);
}
function endingKindsAt(text3, end) {
  const last = text3.charCodeAt(end - 1);
  const endings = last < 128 ? ENDINGS_BY_LAST_CHARACTER[last] : void 0;
  if (endings === void 0) return 0;
  let kinds = 0;
  for (let index = 0; index < endings.length; index++)
    if (text3.startsWith(endings[index].text, end - endings[index].text.length)) kinds |= 1 << endings[index].kind;
  return kinds;
}
function hasMarker(line) {
  return mayHoldMarker(line) && ANY_MARKER.test(line);
}
var OTHER_FORMATS = {
  concerns: (line) => line.indexOf("\x1B") >= 0 || hasMarker(line) || line.charCodeAt(line.length - 1) === 13 || endingKindsAt(line, line.length) !== 0,
  concernSpan: (block, from, to) => {
    const { text: text3, ends } = block;
    for (let index = from; index < to; index++) if (endingKindsAt(text3, ends[index]) !== 0) return true;
    return ESCAPE_OR_MARKER.test(text3.slice(lineStart(block, from), ends[to - 1]));
  }
};
var LogDetector = class {
  constructor(options = {}) {
    this.options = options;
    this.kinds = options.kinds ?? LOG_KINDS;
    this.parsers = this.kinds.map((kind) => FORMATS[kind].create(options));
    this.routeAll = options.routing === "all";
    this.ownedRuns = this.parsers.map(({ ownedRun }) => this.routeAll ? void 0 : ownedRun);
    this.offers = this.parsers.map((entry) => entry.offer);
    this.recognisedCounts = this.parsers.map(() => 0);
    this.firstExclusiveLine = this.parsers.map(() => 0);
    this.bitOfKind = LOG_KINDS.map((kind) => this.kinds.includes(kind) ? 1 << this.kinds.indexOf(kind) : 0);
    this.markerBits = MARKERS.map(({ kind }) => this.bitOfKind[kind]);
    this.endingBits = LOG_KINDS.reduce((bits, kind, index) => FORMATS[kind].routing.endings ? bits | this.bitOfKind[index] : bits, 0);
    for (const [index, kind] of this.kinds.entries()) {
      for (const character of FORMATS[kind].routing.startCharacters) this.startMasks[character.charCodeAt(0)] |= 1 << index;
    }
  }
  options;
  parsers;
  kinds;
  offers;
  /** Per parser: lines recognised, and the line number of the first one only it recognised. */
  recognisedCounts;
  /** Kinds that recognised a line no other parser claimed: a lone `Fatal Python error` does not make a log a regrtest log. */
  firstExclusiveLine;
  unparsed = emptyUnparsed();
  lineNumber = 0;
  /** Per first character (0-127): bit i set when parser i can recognise a line starting with it outside a block; 128 is "other". */
  startMasks = new Uint32Array(129);
  /** Per kind of LOG_KINDS: its parser's bit, 0 when it is not among the kinds. */
  bitOfKind;
  /** The parsers' bits of the kinds with markers, and those markers (MARKERS, in order). */
  markerBits;
  /** The bits of the parsers that declared endings: a line already offered to them all needs no look at its end. */
  endingBits;
  routeAll;
  /** The last line routed that nobody recognised, and the last one exactly one parser did (and which): for LineParser.claimsLineBefore. */
  lastUnparsedLine = -1;
  lastExclusiveLine = -1;
  lastExclusiveParser = -1;
  /**
   * Bit i set while parser i is inside a block. A parser's state only changes when it is offered a
   * line, so the bit is refreshed right after each call: reading every parser's getter on every
   * line was the detector's biggest cost (a megamorphic property access each).
   */
  busyMask = 0;
  /** Per parser: its `ownedRun` fast path, if any; none with `routing: 'all'`. */
  ownedRuns;
  /** Offers one raw line (no line break; a trailing CR and ANSI colours are removed here). */
  push(rawLine) {
    this.route(rawLine);
  }
  /** Offers consecutive raw lines (see `pushBlock`). */
  pushLines(lines) {
    const block = blockOfLines(lines);
    if (block !== void 0) this.pushBlock(block);
    else for (const line of lines) this.route(line);
  }
  /**
   * Offers a block of consecutive raw lines. Inside a malloc stats dump, a valgrind XML file, a
   * traceback, a sanitizer report or a debug-hook dump, with no other block open, most lines have a
   * shape only that parser accepts: it takes a run of them at once, skipping the routing in `route`
   * (and, for runs it matches in the block's text, the slicing of each line). Same result (the fuzz
   * tests compare with routing: 'all', which has no such shortcut): nobody else would have been
   * offered them, or would have recognised them. None of them ends in a CR (the shapes exclude it, or
   * OTHER_FORMATS turns such lines away), so they need no stripping.
   */
  pushBlock(block) {
    const runs = this.ownedRuns;
    const { text: text3, ends, count: count2 } = block;
    for (let index = 0; index < count2; ) {
      const busy = this.busyMask;
      if (busy !== 0 && (busy & busy - 1) === 0) {
        const parser = 31 - Math.clz32(busy);
        const run = runs[parser];
        const state = run === void 0 ? 0 : run(block, index, this.lineNumber + 1);
        const taken = state >>> 1;
        if (taken > 0) {
          if ((state & 1) === 0) this.busyMask = 0;
          this.recognisedCounts[parser] += taken;
          if (this.firstExclusiveLine[parser] === 0) {
            const first = firstFilledLine(block, index, index + taken);
            if (first >= 0) this.firstExclusiveLine[parser] = this.lineNumber + 1 + first - index;
          }
          this.lineNumber += taken;
          index += taken;
          if (index === count2) break;
        }
      }
      const start = lineStart(block, index);
      const end = ends[index++];
      if (start === end && this.busyMask === 0 && !this.routeAll) this.lineNumber++;
      else this.route(text3.slice(start, end));
    }
  }
  /** Offers one line to the parsers that can want it. */
  route(rawLine) {
    const lineNumber = ++this.lineNumber;
    let line = rawLine.charCodeAt(rawLine.length - 1) === 13 ? rawLine.slice(0, -1) : rawLine;
    let marker = false;
    if (line.length > 0) {
      if (line.indexOf("\x1B") >= 0) {
        const found = line.search(ESCAPE_OR_MARKER);
        if (found >= 0 && line.charCodeAt(found) === 27) {
          line = stripAnsi(line);
          marker = line.search(ANY_MARKER) >= 0;
        } else marker = found >= 0;
      } else marker = hasMarker(line);
    }
    const first = line.charCodeAt(0);
    const offers = this.offers;
    let wanted = this.routeAll ? -1 : line.length === 0 ? 0 : this.startMasks[Math.min(first, 128)];
    if (!this.routeAll && line.length > 0) {
      if (marker) {
        for (let index = 0; index < MARKERS.length; index++) {
          const bit = this.markerBits[index];
          if ((wanted & bit) === 0 && line.includes(MARKERS[index].text)) wanted |= bit;
        }
      }
      const endings = (wanted & this.endingBits) === this.endingBits ? 0 : endingKindsAt(line, line.length);
      if (endings !== 0) {
        for (let kind = 0; kind < LOG_KINDS.length; kind++) if ((endings & 1 << kind) !== 0) wanted |= this.bitOfKind[kind];
      }
    }
    let claimedBy = -1;
    let claims = 0;
    wanted |= this.busyMask;
    if (this.routeAll) wanted = (1 << offers.length) - 1;
    for (let bits = wanted; bits !== 0; bits &= bits - 1) {
      const bit = bits & -bits;
      const index = 31 - Math.clz32(bit);
      const state = offers[index](line, lineNumber);
      if ((state & 2) !== 0) this.busyMask |= bit;
      else this.busyMask &= ~bit;
      if ((state & 1) !== 0) {
        claims++;
        claimedBy = index;
        this.recognisedCounts[index]++;
        if ((state & 4) !== 0) this.claimLineBefore(index, lineNumber - 1);
      }
    }
    if (claims === 1) {
      if (this.firstExclusiveLine[claimedBy] === 0 && line !== "") this.firstExclusiveLine[claimedBy] = lineNumber;
      this.lastExclusiveLine = lineNumber;
      this.lastExclusiveParser = claimedBy;
    } else if (claims === 0 && line.length > 0 && line.trim() !== "") {
      recordUnparsed(this.unparsed, lineNumber, line);
      this.lastUnparsedLine = lineNumber;
    }
  }
  /**
   * Parser `index` recognised line `before`, the line routed before this one, after all
   * (LineParser.claimsLineBefore): counted as if it had said so then. (Lines taken by a fast path
   * are never claimed so: the claiming parser was not offered them.)
   */
  claimLineBefore(index, before) {
    this.recognisedCounts[index]++;
    if (this.lastUnparsedLine === before) {
      forgetUnparsed(this.unparsed, before);
      this.lastUnparsedLine = -1;
      if (this.firstExclusiveLine[index] === 0) this.firstExclusiveLine[index] = before;
    } else if (this.lastExclusiveLine === before && this.lastExclusiveParser !== index) {
      if (this.firstExclusiveLine[this.lastExclusiveParser] === before) this.firstExclusiveLine[this.lastExclusiveParser] = 0;
      this.lastExclusiveLine = -1;
    }
  }
  end() {
    const results = {};
    const diagnostics = [];
    const detected = this.parsers.map((_, index) => index).filter((index) => this.firstExclusiveLine[index] > 0);
    detected.sort((a, b) => this.firstExclusiveLine[a] - this.firstExclusiveLine[b]);
    for (const [index, { parser }] of this.parsers.entries()) {
      const kind = this.kinds[index];
      const result = parser.end();
      if (this.firstExclusiveLine[index] === 0 && !(FORMATS[kind].routing.readsOthersLines && this.recognisedCounts[index] > 0)) continue;
      results[kind] = result;
      if (result.diagnostics && result.diagnostics.count > 0) diagnostics.push({ kind, ...result.diagnostics });
    }
    const kinds = detected.map((index) => this.kinds[index]);
    return {
      kinds,
      recognisedLines: Object.fromEntries(detected.map((index) => [this.kinds[index], this.recognisedCounts[index]])),
      lines: this.lineNumber,
      unparsed: this.unparsed,
      diagnostics,
      results,
      problems: problemsOf(results, this.options)
    };
  }
};
async function parseLog(source, options = {}) {
  const detector = new LogDetector(options);
  for await (const item of source) {
    if (typeof item === "string") detector.push(item);
    else if (Array.isArray(item)) detector.pushLines(item);
    else detector.pushBlock(item);
  }
  return detector.end();
}

// src/adapters/read-lines.ts
var SEGMENT_BYTES = 1 << 14;
async function* readLineBlocks(path31, options = {}) {
  const chunkSize = Math.max(1, options.chunkSize ?? 1 << 20);
  const maxLineLength = Math.max(1, options.maxLineLength ?? 1 << 20);
  const file = await open4(path31, "r");
  let current = Buffer.allocUnsafe(maxLineLength + chunkSize);
  let next = Buffer.allocUnsafe(maxLineLength + chunkSize);
  let carry = 0;
  let reading = readInto(file, current, 0, chunkSize);
  try {
    for (; ; ) {
      const { bytesRead } = await reading;
      reading = void 0;
      if (bytesRead === 0) break;
      const length = carry + bytesRead;
      const complete = current.lastIndexOf(10, length - 1) + 1;
      const cuts = [complete];
      while (length - cuts[cuts.length - 1] > maxLineLength) {
        const from = cuts[cuts.length - 1];
        let cut = from + maxLineLength;
        while (cut > from && (current[cut] & 192) === 128) cut--;
        cuts.push(cut > from ? cut : from + maxLineLength);
      }
      const rest = cuts[cuts.length - 1];
      carry = length - rest;
      current.copy(next, 0, rest, length);
      reading = readInto(file, next, carry, chunkSize);
      let start = 0;
      for (let end = segmentEnd(current, start, complete); end >= 0; end = segmentEnd(current, start, complete)) {
        yield decodeBlock(current.subarray(start, end));
        start = end + 1;
      }
      if (cuts.length > 1) yield blockOfLines(cuts.slice(1).map((cut, index) => current.toString("utf8", cuts[index], cut)));
      [current, next] = [next, current];
    }
    if (carry > 0) yield blockOfLines([current.toString("utf8", 0, carry)]);
  } finally {
    if (reading) await reading.catch(() => void 0);
    await file.close();
  }
}
function readInto(file, into, offset, length) {
  const reading = file.read(into, offset, length, null);
  reading.catch(() => void 0);
  return reading;
}
function segmentEnd(buffer, from, length) {
  if (from >= length) return -1;
  const last = buffer.lastIndexOf(10, Math.min(length, from + SEGMENT_BYTES) - 1);
  if (last >= from) return last;
  const next = buffer.indexOf(10, from + SEGMENT_BYTES);
  return next >= 0 && next < length ? next : -1;
}
function decodeBlock(segment) {
  return splitBlock(decode2(segment));
}
function decode2(bytes) {
  if (isAscii(bytes)) return bytes.toString("latin1");
  const split = bytes.length < 2048 ? -1 : newlineNearMiddle(bytes);
  if (split < 0) return bytes.toString("utf8");
  return decode2(bytes.subarray(0, split + 1)) + decode2(bytes.subarray(split + 1));
}
function newlineNearMiddle(bytes) {
  const middle = bytes.length >> 1;
  const after = bytes.indexOf(10, middle);
  if (after >= 0 && after < bytes.length - 1) return after;
  return middle > 0 ? bytes.lastIndexOf(10, middle - 1) : -1;
}
async function* readLines(path31) {
  for await (const block of readLineBlocks(path31)) yield* linesOf(block);
}
async function parseLogFile(path31, options = {}) {
  try {
    return await parseLog(readLineBlocks(path31), options);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    return parseLog([], options);
  }
}
async function parseLogWith(path31, parser) {
  let lineNumber = 0;
  try {
    for await (const line of readLines(path31)) parser.next(line.endsWith("\r") ? line.slice(0, -1) : line, ++lineNumber);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  return parser.end();
}

// src/plan/case-runs.ts
function planCaseRuns(files, { perFile, total }) {
  let left = total;
  return files.map(({ name, caseIds }) => {
    const run = caseIds.slice(0, Math.min(perFile, left));
    left -= run.length;
    return { name, run, notRun: caseIds.length - run.length };
  });
}

// src/steps/run-test-file.ts
import path16 from "node:path";
async function runTestFile(context, runner, command) {
  const env = runner.pythonPath.length ? { ...command.env, PYTHONPATH: [command.env.PYTHONPATH, ...runner.pythonPath].filter((part) => part).join(path16.delimiter) } : command.env;
  const result = await context.runner.run({
    argv: [
      ...command.prefix,
      ...runner.argv(command.testFile, { ...command.caseId ? { caseId: command.caseId } : {}, ...command.verbose ? { verbose: true } : {} })
    ],
    cwd: command.cwd,
    env,
    logPath: command.logPath,
    ...runner.kind === "pytest" ? { timeoutMs: command.timeoutSeconds * 1e3, timeoutSignal: "SIGABRT" } : {}
  });
  const log = await parseLogFile(result.logPath, { workspace: context.workspace });
  const regrtest = log.results.regrtest ?? new RegrtestParser().end();
  const run = { ...parsedRun(result, log, command.testFile), testFile: command.testFile };
  if (runner.kind === "pytest") {
    const pytest = await parseLogWith(result.logPath, new PytestLogParser());
    return { ...run, outcome: pytestFileOutcome(pytest, result), progress: casesOfPytestLog(pytest), pytest };
  }
  let progress = { started: [] };
  if (command.verbose) {
    const lines = [];
    await parseLogWith(result.logPath, {
      next: (line) => {
        lines.push(line);
        return true;
      },
      end: () => void 0
    });
    progress = casesOfVerboseOutput(lines);
  }
  return { ...run, outcome: regrtestFileOutcome(regrtest, command.testFile, result), progress };
}

// src/steps/run-tests.ts
function testEnv(cell, target, inherited) {
  return {
    PYTHONPATH: inherited ? `${target.sitePath}${path17.delimiter}${inherited}` : target.sitePath,
    // Keep the user's tests folder free of __pycache__ from a debug interpreter.
    PYTHONDONTWRITEBYTECODE: "1",
    ...cell.runtimeEnv
  };
}
async function runRefleakHunt(context, cell, target, options, discovery, inheritedPythonPath) {
  const env = testEnv(cell, target, inheritedPythonPath);
  const hunt = { warmups: options.warmups, runs: options.runs, discovery, cases: {}, casesNotRun: {}, caseIds: {} };
  if (discovery.modules.length === 0) {
    context.log.warning(`no test module (test_*.py or test_* package) at the top of ${target.testsDir}: the refleak hunt has nothing to run`);
    return hunt;
  }
  const regrtest = (huntArgs2, ...selection) => [
    target.pythonPath,
    "-m",
    "test",
    "--testdir",
    target.testsDir,
    ...huntArgs2,
    "-j1",
    "--timeout",
    String(options.testTimeoutSeconds),
    ...selection
  ];
  const huntArgs = (reflog) => ["-R", `${options.warmups}:${options.runs}:${reflog}`];
  const run = await context.log.group(
    `regrtest -R ${options.warmups}:${options.runs} on ${target.testsDir}`,
    async () => parseRegrtestRun(context, {
      argv: regrtest(huntArgs(logPath(context, "reflog.txt"))),
      cwd: target.projectDir,
      env,
      logPath: logPath(context, "refleak.log")
    })
  );
  const cases = {};
  const casesNotRun = {};
  const caseIds = {};
  const listCases = async (testName) => caseIds[testName] = await listTestCases(context, target, env, testName, "refleak-cases");
  const leaking = [];
  for (const test of run.parsed.tests) {
    if (test.outcome === "crashed" || test.outcome === "timed-out") await listCases(test.name);
    if (test.leaks.some((leak) => !leak.informational)) leaking.push({ name: test.name, caseIds: caseIds[test.name] ?? await listCases(test.name) });
  }
  for (const file of planCaseRuns(leaking, { perFile: options.maxCaseRuns, total: options.maxCaseRunsTotal })) {
    cases[file.name] = [];
    for (const id of file.run) {
      const caseRun = await parseRegrtestRun(context, {
        argv: regrtest(huntArgs(logPath(context, "refleak-cases", "reflog.txt")), "-m", id, file.name),
        cwd: target.projectDir,
        env,
        logPath: logPath(context, "refleak-cases", `${id}.log`)
      });
      cases[file.name].push({ ...caseRun, id });
    }
    if (file.notRun) casesNotRun[file.name] = file.notRun;
    if (file.run.length || file.notRun) context.log.info(`${file.name}: re-ran ${file.run.length} of ${file.run.length + file.notRun} cases alone under -R`);
  }
  return { ...hunt, run, cases, casesNotRun, caseIds };
}
async function listTestCases(context, target, env, testFile, logFolder) {
  const listing = await context.runner.run({
    argv: [target.pythonPath, "-m", "test", "--testdir", target.testsDir, "--list-cases", testFile],
    cwd: target.projectDir,
    env,
    logPath: logPath(context, logFolder, `${testFile}.list.log`),
    captureStdout: true
  });
  return listing.stdout.split("\n").filter(isTestCaseId).map((line) => line.trim());
}
var PYTEST_STYLE = /^(?:def test\w*\s*\(|import pytest\b|from pytest\b)/m;
var UNITTEST_CASE = /^class \w+\([^)]*TestCase[^)]*\)\s*:/m;
var MAX_NESTED_DEPTH = 4;
async function discoverTestModules(testsDir) {
  const entries = await listDirEntries(testsDir);
  const modules = selectTestModules(entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory })));
  const nested = [];
  const walk = async (relative, depth) => {
    if (depth > MAX_NESTED_DEPTH) return;
    const children = await listDirEntries(path17.join(testsDir, relative)).catch(() => []);
    const found = children.filter((child) => !child.isDirectory && /^test_.*\.py$/.test(child.name)).length;
    if (found > 0 && relative !== "") nested.push({ dir: relative.split(path17.sep).join("/"), modules: found });
    for (const child of children) {
      if (!child.isDirectory || child.name.startsWith(".") || child.name === "__pycache__" || relative === "" && child.name.startsWith("test_")) continue;
      await walk(path17.join(relative, child.name), depth + 1);
    }
  };
  await walk("", 0);
  const pytestStyle = [];
  for (const module of modules) {
    const text3 = await readTextIfPresent(path17.join(testsDir, `${module}.py`)) ?? "";
    if (PYTEST_STYLE.test(text3) && !UNITTEST_CASE.test(text3)) pytestStyle.push(module);
  }
  return { testsDir, modules, nested, pytestStyle };
}
async function runShowrefcount(context, cell, target, files, options, testFiles, inheritedPythonPath) {
  const env = testEnv(cell, target, inheritedPythonPath);
  return context.log.group(`-X showrefcount on ${testFiles.length} test files`, async () => {
    const runs = [];
    for (const testFile of testFiles) {
      const run = await runTestFile(context, files, {
        prefix: [target.pythonPath, "-X", "showrefcount"],
        testFile,
        env,
        cwd: target.projectDir,
        logPath: logPath(context, "showrefcount", `${files.logName(testFile)}.log`),
        timeoutSeconds: options.testTimeoutSeconds
      });
      runs.push({ ...run, refcount: run.details.results.showrefcount ?? new ShowRefcountParser().end() });
    }
    return runs;
  });
}
async function parseRegrtestRun(context, command) {
  const result = await context.runner.run(command);
  const log = await parseLogFile(result.logPath, { workspace: context.workspace });
  return { ...parsedRun(result, log), parsed: regrtestOf(log) };
}
function regrtestOf(log) {
  return log.results.regrtest ?? new RegrtestParser().end();
}
function parsedRun(result, { lines, unparsed, ...details }, testFile) {
  return {
    command: result.argv,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    log: result.logPath,
    ...result.logCut ? { logCut: result.logCut } : {},
    lines,
    unparsed,
    details: testFile === void 0 ? details : { ...details, problems: details.problems.map((problem) => ({ ...problem, test: testFile })) }
  };
}
function selectTestModules(entries) {
  return entries.flatMap((entry) => {
    if (!entry.name.startsWith("test_")) return [];
    if (entry.isDirectory) return [entry.name];
    return entry.name.endsWith(".py") ? [entry.name.slice(0, -3)] : [];
  }).sort();
}

// src/steps/run-cpython-tests.ts
var CPYTHON_TESTS_JUNIT_FILE = "cpython-tests.junit.xml";
async function runCpythonTests(context, cell, pythonPath, options) {
  const junitXml = path18.join(context.outDir, CPYTHON_TESTS_JUNIT_FILE);
  const environment = planCpythonTestsEnv(context.env, cell.runtimeEnv);
  const commandInput = { pythonPath, python: cell.python, selection: options.selection, jobs: options.jobs, timeoutSeconds: options.timeoutSeconds, junitXml };
  let shard;
  let testsFile;
  if (options.shard) {
    const durations = options.durationsFile ? await readDurations(options.durationsFile) : {};
    const listing = await context.runner.run({
      argv: planCpythonTestsListing(commandInput),
      cwd: context.outDir,
      env: environment.env,
      logPath: logPath(context, "cpython-tests-list.log"),
      captureStdout: true
    });
    const listed = listing.stdout.split("\n").map((line) => line.trim()).filter((line) => /^test[\w.]*$/.test(line) && line !== "test");
    if (listing.exitCode !== 0 || listed.length === 0)
      throw new Error(`regrtest --list-tests listed no test (exit code ${listing.exitCode}); see ${listing.logPath}`);
    const tests = assignShard(listed, options.shard, durations);
    testsFile = logPath(context, `cpython-tests-shard-${options.shard.index}of${options.shard.count}.txt`);
    await writeFileAtomic(testsFile, tests.map((test) => `${test}
`).join(""));
    shard = { ...options.shard, tests, balancedBy: Object.keys(durations).length ? "durations" : "name" };
    context.log.info(
      `shard ${options.shard.index} of ${options.shard.count}: ${tests.length} of ${new Set(listed.map((name) => name.split(".").find((part) => part.startsWith("test_")))).size} test files`
    );
  }
  const plan = planCpythonTestsCommand({ ...commandInput, ...testsFile ? { testsFile } : {} });
  const run = await context.log.group(
    `CPython's test suite (${options.selection.kind === "args" ? options.selection.args.join(" ") : options.selection.kind})`,
    async () => {
      return parseRegrtestRun(context, { argv: plan.argv, cwd: context.outDir, env: environment.env, logPath: logPath(context, "cpython-tests.log") });
    }
  );
  const junitText = await readTextIfPresent(junitXml);
  return {
    ...run,
    selection: options.selection,
    timeoutSeconds: options.timeoutSeconds,
    plan,
    environment,
    junitXml,
    ...junitText !== void 0 ? { junit: parseRegrtestJunit(junitText) } : {},
    ...shard ? { shard } : {}
  };
}
async function readDurations(file) {
  let report;
  try {
    report = JSON.parse(await readText(file));
  } catch (error) {
    throw new ConfigError(
      `cpython-tests-durations '${file}': cannot read it as a pydebug report.json (${error instanceof Error ? error.message : String(error)}).`
    );
  }
  const durations = report?.cpythonTests?.durations;
  if (typeof durations !== "object" || durations === null) {
    throw new ConfigError(`cpython-tests-durations '${file}': it has no cpythonTests.durations; give the report.json of a run that ran CPython's tests.`);
  }
  return Object.fromEntries(Object.entries(durations).filter((entry) => typeof entry[1] === "number"));
}

// src/steps/install-test-requirements.ts
import path19 from "node:path";
var TestRequirementsError = class extends ConfigError {
  constructor(message, logPath2) {
    super(message);
    this.logPath = logPath2;
  }
  logPath;
};
async function installTestRequirements(context, cell, pythonPath, requirements) {
  if (requirements.length === 0) return void 0;
  const target = path19.join(context.cacheDir, "test-requirements", cell.id);
  await removeTree(target);
  const log = logPath(context, "test-requirements.log");
  const result = await context.log.group(
    `pip install ${requirements.join(" ")} (test-requirements)`,
    () => context.runner.run({
      argv: [pythonPath, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--target", target, ...requirements],
      cwd: context.workspace,
      env: Object.fromEntries(PYTHON_REDIRECT_ENV.map((name) => [name, void 0])),
      logPath: log
    })
  );
  if (result.exitCode !== 0) {
    throw new TestRequirementsError(
      `test-requirements '${requirements.join(" ")}' could not be installed with ${pythonPath} -m pip (exit ${result.exitCode ?? result.signal}). On a machine without PyPI set PIP_INDEX_URL to a mirror, or PIP_NO_INDEX=1 and PIP_FIND_LINKS to a folder of wheels. Log: ${log}`,
      log
    );
  }
  return target;
}

// src/steps/run-pytest.ts
import path21 from "node:path";

// src/adapters/bundled-files.ts
import { existsSync as existsSync2 } from "node:fs";
import path20 from "node:path";
import { fileURLToPath } from "node:url";
var PYTEST_PLUGIN_MODULE = "pydebug_refleak";
var PLUGIN_RELATIVE = path20.join("python", `${PYTEST_PLUGIN_MODULE}.py`);
function pytestPluginDir(moduleUrl = import.meta.url) {
  let dir = path20.dirname(fileURLToPath(moduleUrl));
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync2(path20.join(dir, PLUGIN_RELATIVE))) return path20.join(dir, "python");
    const parent = path20.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`pydebug's pytest plugin (${PLUGIN_RELATIVE}) was not found above ${fileURLToPath(moduleUrl)}: the package is incomplete`);
}
function bundledPythonScript(fileName, moduleUrl = import.meta.url) {
  return path20.join(pytestPluginDir(moduleUrl), fileName);
}

// src/plan/test-runner.ts
var TEST_RUNNER_VALUES = ["auto", "pytest", "regrtest"];
function chooseTestRunner(facts, options) {
  if (options.testRunner !== "auto") return { runner: options.testRunner, reason: `test-runner is set to ${options.testRunner}` };
  if (facts.pytestConfig.length) return { runner: "pytest", reason: `the project has pytest configuration (${facts.pytestConfig.join(", ")})` };
  if (facts.pytestStyle.length) {
    const which = facts.pytestStyle.length === facts.modules.length ? `all ${facts.modules.length}` : `${facts.pytestStyle.length} of the ${facts.modules.length}`;
    return {
      runner: "pytest",
      reason: `${which} test files are written for pytest (${facts.pytestStyle.slice(0, 3).join(", ")}${facts.pytestStyle.length > 3 ? ", ..." : ""})`
    };
  }
  return { runner: "regrtest", reason: "no pytest configuration and no pytest-style test file: unittest under regrtest" };
}
var PYTEST_CONFIG_FILES = ["pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg", "conftest.py"];
function pytestConfigIn(fileName, text3) {
  const section2 = (header) => new RegExp(`^\\s*\\[${header.replace(/[.[\]]/g, "\\$&")}\\]\\s*$`, "m").test(text3);
  switch (fileName) {
    case "pytest.ini":
    case ".pytest.ini":
    case "conftest.py":
      return fileName;
    case "pyproject.toml":
      return section2("tool.pytest.ini_options") ? "pyproject.toml [tool.pytest.ini_options]" : void 0;
    case "tox.ini":
      return section2("pytest") ? "tox.ini [pytest]" : void 0;
    case "setup.cfg":
      return section2("tool:pytest") ? "setup.cfg [tool:pytest]" : void 0;
    default:
      return void 0;
  }
}

// src/steps/run-pytest.ts
async function readProjectTestFacts(projectDir, discovery) {
  const pytestConfig = [];
  for (const name of PYTEST_CONFIG_FILES) {
    const text3 = await readTextIfPresent(path21.join(projectDir, name));
    const found = text3 === void 0 ? void 0 : pytestConfigIn(name, text3);
    if (found) pytestConfig.push(found);
  }
  const testsConftest = path21.join(discovery.testsDir, "conftest.py");
  if (path21.dirname(testsConftest) !== path21.resolve(projectDir) && await readTextIfPresent(testsConftest) !== void 0) {
    pytestConfig.push(path21.relative(projectDir, testsConftest).split(path21.sep).join("/"));
  }
  return { pytestConfig, modules: discovery.modules, pytestStyle: discovery.pytestStyle };
}
async function runPytestRefleakHunt(context, cell, target, options, discovery, inheritedPythonPath) {
  const pluginDir = pytestPluginDir();
  const pythonPath = [target.sitePath, pluginDir, ...inheritedPythonPath ? [inheritedPythonPath] : []].join(path21.delimiter);
  const env = { PYTHONPATH: pythonPath, PYTHONDONTWRITEBYTECODE: "1", ...cell.runtimeEnv };
  const pytestVersion = await probePytest(context, target, env, inheritedPythonPath);
  const pytestArgs = ["-m", "pytest", "-p", "no:cacheprovider", "--rootdir", target.projectDir];
  const collect = await context.log.group(`pytest --collect-only on ${target.testsDir}`, async () => {
    const result = await context.runner.run({
      argv: [target.pythonPath, ...pytestArgs, "--collect-only", "-q", target.testsDir],
      cwd: target.projectDir,
      env,
      logPath: logPath(context, "pytest", "collect.log")
    });
    const log = await parseLogFile(result.logPath, { workspace: context.workspace });
    return { ...parsedRun(result, log), parsed: await parseLogWith(result.logPath, new PytestLogParser()) };
  });
  const byFile = /* @__PURE__ */ new Map();
  for (const id of collect.parsed.started) {
    const file = pytestFileOf(id);
    byFile.set(file, [...byFile.get(file) ?? [], id]);
  }
  const files = [];
  await context.log.group(`pytest with ${PYTEST_PLUGIN_MODULE} ${options.warmups}:${options.runs} on ${byFile.size} test files`, async () => {
    for (const [file, caseIds] of byFile) {
      const result = await context.runner.run({
        argv: [
          target.pythonPath,
          ...pytestArgs,
          "-p",
          PYTEST_PLUGIN_MODULE,
          "--pydebug-refleak",
          `${options.warmups}:${options.runs}`,
          "--pydebug-refleak-log",
          logPath(context, "pytest", "reflog.txt"),
          "-s",
          "-v",
          file
        ],
        cwd: target.projectDir,
        env,
        logPath: logPath(context, "pytest", `${file.replace(/[\\/]/g, "__")}.log`),
        // As regrtest's --timeout, per test file.
        timeoutMs: options.testTimeoutSeconds * 1e3
      });
      const log = await parseLogFile(result.logPath, { workspace: context.workspace });
      files.push({
        ...parsedRun(result, log, file),
        parsed: { regrtest: log.results.regrtest ?? new RegrtestParser().end(), pytest: await parseLogWith(result.logPath, new PytestLogParser()) },
        file,
        caseIds
      });
      context.log.info(`${file}: ${files[files.length - 1].parsed.pytest.summary ?? `exit ${result.exitCode ?? result.signal}`}`);
    }
  });
  return { warmups: options.warmups, runs: options.runs, discovery: { ...discovery, nested: [] }, collect, files, pytestVersion };
}
async function probePytest(context, target, env, inheritedPythonPath) {
  const result = await context.runner.run({
    argv: [target.pythonPath, "-c", "import pytest; print(pytest.__version__)"],
    cwd: target.projectDir,
    env,
    logPath: logPath(context, "pytest", "probe.log"),
    captureStdout: true
  });
  if (result.exitCode === 0) return result.stdout.trim();
  let cause = "";
  for await (const line of readLines(result.logPath)) if (line.trim()) cause = line.trim();
  throw new ConfigError(
    `pytest runs these tests (${target.testsDir}), but the debug interpreter cannot import it${cause ? ` (${cause})` : ""}. Install it for the tests with test-requirements: pytest (CLI: --test-requirements pytest), or put a folder holding pytest and its dependencies on PYTHONPATH${inheritedPythonPath ? ` (PYTHONPATH is ${inheritedPythonPath})` : ""}. To run them with regrtest instead, set test-runner: regrtest.`
  );
}

// src/steps/run-test-command.ts
import path22 from "node:path";

// src/parse/pytest.ts
var MAX_PYTEST_FAILURES = 200;
var MAX_DETAIL_LINES = 12;
var RULER_TITLE = /^=+ (.+?) =+$/;
var SUMMARY_COUNTS = /^(?:=+ )?((?:\d+ [a-z]+)(?:, \d+ [a-z]+)*|no tests ran) in (\d+(?:\.\d+)?)s(?: \([^)]*\))?(?: =+)?$/;
var COLLECTED = /^(?:collecting \.\.\. )?collected (\d+) items?(?: \/ \d+ (?:deselected|errors?|skipped))*(?: \/ \d+ selected)?$/;
var PROGRESS2 = /^(\S+\.py) ([.FEsxXR]*)(?: +\[ *\d+%\])?(.*)$/;
var QUIET_PROGRESS = /^[.FEsxXR]+ +\[ *\d+%\]$/;
var SHORT_SUMMARY2 = /^(FAILED|ERROR) (\S+)(?: - (.*))?$/;
var DETAIL_TITLE = /^_{3,} (.+?) _{3,}$/;
var LOCATION3 = /^(\S+\.py):(\d+): (\w[\w.]*)$/;
var HEADER = /^(?:platform \S+ -- Python |cachedir: |rootdir: |configfile: |testpaths: |plugins: |collecting )/;
var GENERATED_XML = /^-+ generated xml file: .* -+$/;
var SECTION_RULER = /^-{3,} .+ -{3,}$/;
var PYTEST_TITLES = /^(?:test session starts|FAILURES|ERRORS|short test summary info|warnings summary|PASSES|slowest .*durations)$/;
var PLURALS = { error: "errors", warning: "warnings" };
var PytestParser = class {
  seen = false;
  rootdir;
  collected;
  counts;
  seconds;
  summaryLine;
  failures = [];
  details = [];
  detail;
  lastFile;
  droppedFailures = 0;
  /** Inside FAILURES / ERRORS: every line belongs to a failure's report until the next ruler. */
  inFailures = false;
  /** Inside the short test summary: a multi-line message goes on, indented, after its entry. */
  inShortSummary = false;
  /**
   * What followed pytest's own text on the line just read: a crashing test's first line of output
   * (the debug hooks' `Debug memory block at ...`) starts right after the progress dots. Set by `next`
   * for the caller to hand to the other parsers; undefined when the line was pytest's alone.
   */
  remainder;
  next(line) {
    this.remainder = void 0;
    let match;
    if (match = SUMMARY_COUNTS.exec(line)) {
      this.seen = true;
      this.inFailures = false;
      this.inShortSummary = false;
      this.detail = void 0;
      this.summaryLine = own(match[0].replace(/^=+ | =+$/g, ""));
      this.seconds = Number(match[2]);
      const counts = {};
      if (match[1] !== "no tests ran") {
        for (const part of match[1].split(", ")) {
          const [count2, word] = part.split(" ");
          counts[PLURALS[word] ?? word] = Number(count2);
        }
      }
      this.counts = counts;
      return true;
    }
    if (match = RULER_TITLE.exec(line)) {
      const title = match[1];
      this.seen ||= PYTEST_TITLES.test(title);
      this.inFailures = title === "FAILURES" || title === "ERRORS";
      this.inShortSummary = title === "short test summary info";
      this.detail = void 0;
      return this.seen;
    }
    if (QUIET_PROGRESS.test(line)) return this.seen = true;
    if (!this.seen) return false;
    if ((match = DETAIL_TITLE.exec(line)) && this.inFailures) {
      this.detail = { title: own(match[1]), lines: [] };
      if (this.details.length < MAX_PYTEST_FAILURES) this.details.push(this.detail);
      return true;
    }
    if (this.inFailures && GENERATED_XML.test(line)) {
      this.inFailures = false;
      this.detail = void 0;
      return true;
    }
    if (this.inFailures) {
      if (this.detail) {
        const location = LOCATION3.exec(line);
        if (location) {
          this.detail.file = own(location[1]);
          this.detail.line = Number(location[2]);
        }
        if (line.trim() !== "") this.detail.lines.push(own(line));
        if (this.detail.lines.length > MAX_DETAIL_LINES) this.detail.lines.shift();
      }
      return true;
    }
    if (this.inShortSummary && line.charCodeAt(0) === 32 && this.failures.length > 0) return true;
    if (match = SHORT_SUMMARY2.exec(line)) {
      if (this.failures.length < MAX_PYTEST_FAILURES) {
        this.failures.push({ nodeId: own(match[2]), kind: match[1] === "FAILED" ? "failed" : "error", ...match[3] ? { message: own(match[3]) } : {} });
      } else this.droppedFailures++;
      return true;
    }
    if (match = COLLECTED.exec(line)) {
      this.collected = Number(match[1]);
      return true;
    }
    if (match = PROGRESS2.exec(line)) {
      this.lastFile = own(match[1]);
      if (match[3] !== "" && match[3].trim() !== "") this.remainder = match[3];
      return true;
    }
    if (SECTION_RULER.test(line)) return true;
    if (HEADER.test(line)) {
      if (line.startsWith("rootdir: ")) this.rootdir = own(line.slice("rootdir: ".length).split(",")[0]);
      return true;
    }
    return false;
  }
  end() {
    return {
      seen: this.seen,
      ...this.rootdir !== void 0 ? { rootdir: this.rootdir } : {},
      ...this.collected !== void 0 ? { collected: this.collected } : {},
      ...this.counts ? { counts: this.counts } : {},
      ...this.seconds !== void 0 ? { seconds: this.seconds } : {},
      ...this.summaryLine !== void 0 ? { summaryLine: this.summaryLine } : {},
      failures: this.failures,
      details: this.details,
      ...this.lastFile !== void 0 ? { lastFile: this.lastFile } : {},
      droppedFailures: this.droppedFailures
    };
  }
};

// src/parse/unittest-output.ts
var MAX_UNITTEST_FAILURES = 200;
var MAX_TRACEBACK_LINES2 = 12;
var RULER = /^(?:={70}|-{70})$/;
var REPORT = /^(FAIL|ERROR): (\S+)(?: \(([^)]+)\))?(?: \[[^\]]*\])?$/;
var RAN2 = /^Ran (\d+) tests? in (\d+(?:\.\d+)?)s$/;
var VERDICT2 = /^(OK|FAILED)(?: \(([^)]*)\))?$/;
var VERBOSE = /^(\w+) \(([\w.]+)\)(?:\n.*)? \.\.\. ?(.*)$/;
var DOTS = /^[.EFsxu]+$/;
var FRAME3 = /^ {2}File "(.+)", line (\d+), in (.+)$/;
var UnittestParser = class {
  seen = false;
  ran;
  seconds;
  verdict;
  counts = {};
  failures = [];
  failure;
  running;
  droppedFailures = 0;
  /** Output that followed `... ` on a verbose line instead of a result: a crashing test's first line (see PytestParser.remainder). */
  remainder;
  next(line) {
    this.remainder = void 0;
    let match;
    if (RULER.test(line)) {
      this.seen = true;
      if (line.startsWith("-") && this.failure && this.failure.traceback.length > 0) this.failure = void 0;
      return true;
    }
    if (match = REPORT.exec(line)) {
      this.seen = true;
      const inParentheses = match[3];
      const id = inParentheses === void 0 ? match[2] : inParentheses.endsWith(`.${match[2]}`) ? inParentheses : `${inParentheses}.${match[2]}`;
      this.failure = { kind: match[1] === "FAIL" ? "failed" : "error", id: own(id), traceback: [] };
      if (this.failures.length < MAX_UNITTEST_FAILURES) this.failures.push(this.failure);
      else this.droppedFailures++;
      return true;
    }
    if (match = RAN2.exec(line)) {
      this.seen = true;
      this.failure = void 0;
      this.ran = Number(match[1]);
      this.seconds = Number(match[2]);
      return true;
    }
    if (this.ran !== void 0 && (match = VERDICT2.exec(line))) {
      this.verdict = match[1];
      for (const part of (match[2] ?? "").split(", ").filter(Boolean)) {
        const [name, count2] = part.split("=");
        if (count2 !== void 0 && /^\d+$/.test(count2)) this.counts[name] = Number(count2);
      }
      return true;
    }
    if (this.failure) {
      if (line === "") return true;
      const frame = FRAME3.exec(line);
      if (frame) {
        this.failure.file = own(frame[1]);
        this.failure.line = Number(frame[2]);
      } else if (!line.startsWith(" ") && !line.startsWith("Traceback")) this.failure.exception ??= own(line);
      this.failure.traceback.push(own(line));
      if (this.failure.traceback.length > MAX_TRACEBACK_LINES2) this.failure.traceback.splice(1, 1);
      return true;
    }
    if (match = VERBOSE.exec(line)) {
      this.seen = true;
      const result = /^(?:ok|FAIL|ERROR|skipped|expected failure|unexpected success)/.test(match[3]);
      this.running = result ? void 0 : own(match[2]);
      if (!result && match[3] !== "") this.remainder = match[3];
      return true;
    }
    if (DOTS.test(line)) return this.seen = true;
    return false;
  }
  end() {
    return {
      seen: this.seen,
      ...this.ran !== void 0 ? { ran: this.ran } : {},
      ...this.seconds !== void 0 ? { seconds: this.seconds } : {},
      ...this.verdict ? { verdict: this.verdict } : {},
      counts: this.counts,
      failures: this.failures,
      ...this.running !== void 0 ? { running: this.running } : {},
      droppedFailures: this.droppedFailures
    };
  }
};

// src/steps/run-test-command.ts
async function runTestCommand(context, cell, interpreter, target, inheritedPythonPath) {
  const env = {
    PYTHONPATH: [...target.sitePaths, ...inheritedPythonPath ? [inheritedPythonPath] : []].join(path22.delimiter),
    // Keep the user's tree free of __pycache__ from a debug interpreter, as for regrtest.
    PYTHONDONTWRITEBYTECODE: "1",
    // faulthandler prints the Python stack of a crash: the frame in a test file names the test.
    PYTHONFAULTHANDLER: "1",
    PATH: await pathWithInterpreter(context, interpreter, context.env.PATH),
    [PYTHON_ENV]: interpreter.pythonPath,
    [SITE_ENV]: target.sitePaths[0] ?? "",
    ...cell.runtimeEnv,
    ...target.passEnv
  };
  const expanded = expandCommand(target.command, mergeEnv(context.env, env));
  if (!expanded.ok) {
    throw new ConfigError(
      `test-command '${target.command.text}' refers to ${expanded.missing.map((name) => `$${name}`).join(", ")}, which ${expanded.missing.length === 1 ? "is" : "are"} not set; pydebug sets $${SITE_ENV} and $${PYTHON_ENV}.`
    );
  }
  const logName = target.logName ?? "test-command";
  const planned = planTestCommand(expanded.argv, { junitPath: logPath(context, `${logName}.junit.xml`) });
  if (planned.junitPath) await removeFile(planned.junitPath);
  const log = logPath(context, `${logName}.log`);
  const argv = [...target.prefix ?? [], ...planned.argv];
  const result = await context.log.group(
    `test-command: ${formatArgv(argv)}`,
    () => context.runner.run({ argv, cwd: target.projectDir, env, logPath: log, timeoutMs: target.timeoutSeconds * 1e3, timeoutSignal: "SIGABRT" })
  );
  const { output, lines, unparsed, details } = await parseTestCommandLog(result.logPath, planned.runner, context.workspace);
  const junitText = planned.junitPath ? await readTextIfPresent(planned.junitPath) : void 0;
  return {
    ...parsedRun(result, { lines, unparsed, ...details }),
    parsed: { ...output, ...junitText !== void 0 ? { junit: withTestFiles(parseJUnitXml(junitText), target.projectDir) } : {} },
    text: target.command.text,
    runner: planned.runner,
    added: planned.added,
    ...planned.junitPath ? { junitPath: planned.junitPath } : {},
    cwd: target.projectDir,
    workspace: context.workspace
  };
}
function testCommandAsFileRun(run) {
  const outcome = run.timedOut ? "timed-out" : run.signal ? "crashed" : run.exitCode === 0 ? "passed" : "failed";
  return { ...run, testFile: TEST_COMMAND_NAME, outcome: { outcome }, progress: { started: [] } };
}
function withTestFiles(junit, cwd) {
  const found = /* @__PURE__ */ new Map();
  const fileOf = (classname) => {
    if (!found.has(classname)) {
      const parts = classname.split(".");
      let file;
      for (let count2 = parts.length; count2 > 0 && file === void 0; count2--) {
        const candidate = `${parts.slice(0, count2).join("/")}.py`;
        if (pathExistsSync(path22.join(cwd, candidate))) file = candidate;
      }
      found.set(classname, file);
    }
    return found.get(classname);
  };
  return {
    ...junit,
    cases: junit.cases.map(
      (testCase) => testCase.file !== void 0 ? testCase : { ...testCase, ...fileOf(testCase.classname) ? { file: fileOf(testCase.classname) } : {} }
    )
  };
}
function parseJUnitXml(text3) {
  const parser = new JUnitXmlParser();
  for (const line of text3.split("\n")) parser.next(line);
  return parser.end();
}
async function parseTestCommandLog(logFile, runner, workspace) {
  const parsers = [
    ...runner !== "unittest" ? [{ name: "pytest", parser: new PytestParser() }] : [],
    ...runner !== "pytest" ? [{ name: "unittest", parser: new UnittestParser() }] : []
  ];
  const detector = new LogDetector(workspace ? { workspace } : {});
  let lineNumber = 0;
  try {
    for await (const raw of readLines(logFile)) {
      lineNumber++;
      const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      const claimedBy = parsers.find(({ parser }) => parser.next(line, lineNumber));
      detector.push(claimedBy ? claimedBy.parser.remainder ?? "" : raw);
    }
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  const { lines, unparsed, ...details } = detector.end();
  const output = {};
  for (const { name, parser } of parsers) {
    const parsed = parser.end();
    if (parsed.seen) output[name] = parsed;
  }
  return { output, lines, unparsed, details };
}

// src/parse/gil.ts
var GIL_WARNING_MARKER = "RuntimeWarning: The global interpreter lock (GIL) has been enabled to load module ";
var GIL_WARNING = /RuntimeWarning: The global interpreter lock \(GIL\) has been enabled to load module '([^']*)'.*$/;
var PROBE_PREFIX = "pydebug-gil: ";
var MAX_ITEMS = 1e3;
var GilParser = class {
  warnings = [];
  probes = [];
  diagnostics = emptyDiagnostics();
  next(line, lineNumber) {
    if (line.startsWith(PROBE_PREFIX)) {
      const record = parseJsonRecord(line.slice(PROBE_PREFIX.length));
      if (record && typeof record.test === "string" && typeof record.gilEnabled === "boolean") {
        if (this.probes.length < MAX_ITEMS) this.probes.push({ line: lineNumber, test: own(record.test), gilEnabled: record.gilEnabled });
      } else addDiagnostic(this.diagnostics, lineNumber, `GIL probe line pydebug cannot read: ${line.slice(0, 120)}`);
      return true;
    }
    if (line.length < GIL_WARNING_MARKER.length || !line.includes(GIL_WARNING_MARKER)) return false;
    const match = GIL_WARNING.exec(line);
    if (!match) return false;
    if (this.warnings.length < MAX_ITEMS) this.warnings.push({ line: lineNumber, module: own(match[1]), text: own(match[0]) });
    return true;
  }
  end() {
    return { warnings: this.warnings, probes: this.probes, diagnostics: this.diagnostics };
  }
};

// src/steps/helper-per-test-file.ts
async function runHelperPerTestFile(context, cell, target, runner, testFiles, spec, inheritedPythonPath) {
  const env = testEnv(cell, target, inheritedPythonPath);
  const script = bundledPythonScript(spec.script);
  const runs = [];
  for (const testFile of testFiles) {
    const result = await context.runner.run({
      argv: [target.pythonPath, script, ...runner.helperArgs, ...spec.args ?? [], testFile],
      cwd: target.projectDir,
      env,
      logPath: logPath(context, spec.logDir, `${runner.logName(testFile)}.log`),
      timeoutMs: spec.timeoutSeconds * 1e3,
      // faulthandler's dump on a hang names the test that hung.
      timeoutSignal: "SIGABRT"
    });
    const log = await parseLogFile(result.logPath, { workspace: context.workspace });
    const own2 = spec.ownParser ? await parseLogWith(result.logPath, spec.ownParser()) : void 0;
    runs.push({ ...parsedRun(result, log, testFile), parsed: own2, testFile });
  }
  return runs;
}

// src/steps/run-variant-checks.ts
var repetitions = (options) => ["--warmups", String(options.warmups), "--runs", String(options.runs)];
var HELPER_CHECKS = {
  /**
   * free-threading: each test file imported alone in a fresh interpreter (python/pydebug_gil.py), to
   * see whether the import (of the extension, through the test file) re-enabled the GIL and which
   * module it named. With `gil: force-off` the tests run with PYTHON_GIL=0, and this says so. First:
   * it decides what every other run tested.
   */
  gil: (files) => ({
    title: `whether importing each of ${files} test files re-enables the GIL`,
    spec: (options) => ({
      script: "pydebug_gil.py",
      logDir: "gil",
      timeoutSeconds: options.testTimeoutSeconds,
      ownParser: () => new GilParser()
    })
  }),
  /**
   * trace-refs: each test file's cases run warm-ups + counted runs times in one process
   * (python/pydebug_census.py), with a census of live objects by type (`sys.getobjects(0)`) after
   * each run, so a leak is named by its type. The detector reads the census lines (parse/census.ts)
   * and makes an `object-leak` problem of every type that grew in every counted run.
   */
  census: (files) => ({
    title: `census of live objects by type (sys.getobjects) on ${files} test files`,
    spec: (options) => ({
      script: "pydebug_census.py",
      args: repetitions(options),
      logDir: "census",
      timeoutSeconds: options.testTimeoutSeconds
    })
  }),
  /**
   * count-allocs (COUNT_ALLOCS, 3.6-3.8): `sys.getcounts()` before and after each test file
   * (python/pydebug_counts.py); the detector reads both lists (parse/count-allocs.ts),
   * report/variant-checks.ts ranks the types by net growth.
   */
  "count-allocs": (files) => ({
    title: `per-type allocation counts (sys.getcounts) around each of ${files} test files`,
    spec: (options) => ({
      script: "pydebug_counts.py",
      logDir: "count-allocs",
      timeoutSeconds: options.testTimeoutSeconds
    })
  }),
  /**
   * Each test file's cases run warm-ups times, then counted runs times between two dumps of the
   * allocator's statistics (python/pydebug_allocstats.py, `sys._debugmallocstats()`; one run between
   * the dumps is below the allocator's noise, see the script): the detector reads the dumps
   * (parse/mallocstats.ts), report/variant-checks.ts compares them.
   */
  "allocation-report": (files) => ({
    title: `allocator statistics before and after each of ${files} test files`,
    spec: (options) => ({
      script: "pydebug_allocstats.py",
      args: repetitions(options),
      logDir: "allocations",
      timeoutSeconds: options.testTimeoutSeconds
    })
  })
};
var isHelperCheck = (check) => Object.hasOwn(HELPER_CHECKS, check);
function perFileChecks(checks) {
  return checks.filter(isHelperCheck);
}
async function runVariantChecks(context, cell, checks, target, runner, testFiles, options, inheritedPythonPath) {
  if (testFiles.length === 0) return {};
  const runs = {};
  for (const check of Object.keys(HELPER_CHECKS)) {
    if (!checks.includes(check)) continue;
    const { title, spec } = HELPER_CHECKS[check](testFiles.length);
    runs[check] = await context.log.group(
      title,
      () => runHelperPerTestFile(context, cell, target, runner, testFiles, spec(options), inheritedPythonPath)
    );
  }
  return {
    ...runs.gil ? { gil: { mode: options.gil, files: runs.gil } } : {},
    ...runs.census ? { census: { warmups: options.warmups, runs: options.runs, files: runs.census } } : {},
    ...runs["count-allocs"] ? { countAllocs: runs["count-allocs"] } : {},
    ...runs["allocation-report"] ? { allocations: runs["allocation-report"] } : {}
  };
}

// src/plan/gil-mode.ts
var GIL_MODES = ["default", "force-off"];
function withGilMode(cell, mode) {
  return mode === "force-off" ? { ...cell, runtimeEnv: { ...cell.runtimeEnv, PYTHON_GIL: "0" } } : cell;
}

// src/steps/run-memcheck.ts
import path24 from "node:path";

// src/steps/cpython-suppressions.ts
import path23 from "node:path";
async function cpythonSuppressions(context, cell, interpreter, source, file) {
  const kept = path23.join(interpreter.prefix, file.kept);
  if (await pathExists(kept)) return { file: kept, origin: "install" };
  if (source.kind === "tree") {
    const inTree = path23.join(source.path, file.member);
    await ensureDir(path23.dirname(kept));
    if (await tryCopyFile(inTree, kept)) return { file: kept, origin: "source-tree", note: `read from ${inTree} and kept with the interpreter from now on` };
    const note2 = `${source.path} has no ${file.member}: ${file.tool} ran without CPython's suppressions: what they would hide is counted with CPython's own reports`;
    context.log.warning(note2);
    return { origin: "none", note: note2 };
  }
  const tarball = sourceTarballPath(context, cell, source);
  if (await pathExists(tarball)) {
    const result = await context.runner.run({
      argv: ["tar", "-xf", tarball, "--wildcards", "-O", `*/${file.member}`],
      cwd: context.outDir,
      logPath: logPath(context, file.tool, "suppressions-from-source.log"),
      captureStdout: true
    });
    if (result.exitCode === 0 && result.stdout.includes(file.marker)) {
      await ensureDir(path23.dirname(kept));
      await writeFileAtomic(kept, result.stdout);
      return {
        file: kept,
        origin: "source-tarball",
        note: `this interpreter was built before pydebug kept ${file.member} with it: read from ${path23.basename(tarball)} and kept from now on`
      };
    }
  }
  const note = `this interpreter was built before pydebug kept ${file.member} with it, and the source tarball is not on this machine: ${file.tool} ran without CPython's suppressions: what they would hide is counted with CPython's own reports (delete the cached interpreter, or give the source tarball with --source, to have them)`;
  context.log.warning(note);
  return { origin: "none", note };
}

// src/steps/run-memcheck.ts
var VALGRIND_MISSING = "the valgrind variant runs each test file under valgrind memcheck, but valgrind is not installed (or not on PATH). Install it: `sudo apt-get install valgrind` (Debian, Ubuntu, GitHub-hosted Linux runners), `sudo dnf install valgrind` (Fedora); or choose another variant";
async function findValgrind(context) {
  const result = await context.runner.run({ argv: ["valgrind", "--version"], cwd: context.outDir, logPath: logPath(context, "valgrind", "version.log"), captureStdout: true }).catch(() => void 0);
  if (result?.exitCode !== 0 || !/valgrind/i.test(result.stdout)) throw new ConfigError(VALGRIND_MISSING);
  return result.stdout.trim();
}
function memcheckOptions(xmlFile, suppressions) {
  return [
    "--tool=memcheck",
    "--xml=yes",
    `--xml-file=${xmlFile}`,
    "--leak-check=full",
    // Definitely lost: no pointer to the block is left. CPython keeps pointers into live objects
    // (past their GC header) until exit, so "possibly lost" would be mostly CPython's own.
    "--show-leak-kinds=definite",
    "--errors-for-leak-kinds=definite",
    "--num-callers=40",
    // A test that starts `sys.executable` is followed too, into its own XML file; a fork without
    // exec would write into the parent's file, so it stays silent.
    "--trace-children=yes",
    "--child-silent-after-fork=yes",
    ...suppressions ? [`--suppressions=${suppressions}`] : []
  ];
}
function memcheckXmlFiles(names, testFile) {
  const prefix = `${testFile}.`;
  return names.filter((name) => name.startsWith(prefix) && /^\d+\.xml$/.test(name.slice(prefix.length))).sort((a, b) => Number(a.slice(prefix.length, -4)) - Number(b.slice(prefix.length, -4)));
}
async function memcheckSuppressions(context, cell, interpreter, source) {
  return cpythonSuppressions(context, cell, interpreter, source, {
    member: "Misc/valgrind-python.supp",
    kept: VALGRIND_SUPPRESSIONS_FILE,
    marker: "Memcheck:",
    tool: "memcheck"
  });
}
async function runMemcheck(context, cell, target, runner, options, testFiles, tool, caseIdsOf, inheritedPythonPath) {
  const env = testEnv(cell, target, inheritedPythonPath);
  const xmlDir = logPath(context, "valgrind");
  await ensureDir(xmlDir);
  const { sources, hints } = userCode(context, tool.extensions);
  const underMemcheck = async (dir, testFile, caseId) => {
    await ensureDir(dir);
    const name = runner.logName(caseId ?? testFile);
    const run = await runTestFile(context, runner, {
      prefix: ["valgrind", ...memcheckOptions(path24.join(dir, `${name}.%p.xml`), tool.suppressions.file), target.pythonPath],
      testFile,
      ...caseId ? { caseId } : {},
      env,
      cwd: target.projectDir,
      logPath: path24.join(dir, `${name}.log`),
      timeoutSeconds: options.testTimeoutSeconds
    });
    return { ...run, processes: await readProcesses(dir, name, hints) };
  };
  const files = await context.log.group(`valgrind memcheck on ${testFiles.length} test files`, async () => {
    const runs = [];
    for (const testFile of testFiles) {
      const run = await underMemcheck(xmlDir, testFile);
      const userErrors = countUserErrors(run.processes);
      const caseIds = userErrors ? await caseIdsOf(testFile) : void 0;
      context.log.info(
        `${testFile}: memcheck followed ${run.processes.length} process${run.processes.length === 1 ? "" : "es"}, ${userErrors} error${userErrors === 1 ? "" : "s"} in the extension's code`
      );
      runs.push({ ...run, testFile, ...caseIds ? { caseIds } : {} });
    }
    const several = runs.filter((run) => (run.caseIds?.length ?? 0) > 1).map((run) => ({ name: run.testFile, caseIds: run.caseIds }));
    for (const file of planCaseRuns(several, { perFile: options.maxCaseRuns, total: options.maxCaseRunsTotal })) {
      const cases = [];
      for (const id of file.run) cases.push({ ...await underMemcheck(path24.join(xmlDir, "cases"), file.name, id), id });
      const index = runs.findIndex((run) => run.testFile === file.name);
      runs[index] = { ...runs[index], cases, ...file.notRun ? { casesNotRun: file.notRun } : {} };
      context.log.info(`${file.name}: re-ran ${file.run.length} of ${file.run.length + file.notRun} cases alone under memcheck`);
    }
    return runs;
  });
  return { valgrind: tool.valgrind, suppressions: tool.suppressions, files, sources, workspace: context.workspace };
}
function userCode(context, extensions) {
  const sources = extensions.map((build) => ({ copy: extensionSourceCopy(build), project: build.projectDir }));
  return {
    sources,
    hints: {
      workspace: context.workspace,
      extensionPaths: [...sources.map((source) => `${source.copy}/`), ...extensions.map((build) => `${build.sitePath}/`)]
    }
  };
}
async function readProcesses(dir, name, hints) {
  const processes = [];
  for (const xmlName of memcheckXmlFiles(await listDir(dir), name)) {
    const xml = path24.join(dir, xmlName);
    const { lines, unparsed, ...details } = await parseLogFile(xml, hints);
    processes.push({ xml, lines, unparsed, details, valgrind: details.results["valgrind-xml"] ?? new ValgrindXmlParser().end() });
  }
  return processes;
}
function countUserErrors(processes) {
  return processes.reduce((total, process2) => total + process2.valgrind.errors.filter((error) => error.blame === "extension").length, 0);
}
async function runMemcheckOnCommand(context, cell, interpreter, target, tool, inheritedPythonPath) {
  const xmlDir = logPath(context, "valgrind");
  await ensureDir(xmlDir);
  const { sources, hints } = userCode(context, tool.extensions);
  const run = await runTestCommand(
    context,
    cell,
    interpreter,
    {
      ...target,
      prefix: ["valgrind", ...memcheckOptions(path24.join(xmlDir, `${TEST_COMMAND_NAME}.%p.xml`), tool.suppressions.file)],
      logName: path24.join("valgrind", TEST_COMMAND_NAME)
    },
    inheritedPythonPath
  );
  const processes = await readProcesses(xmlDir, TEST_COMMAND_NAME, hints);
  context.log.info(
    `test-command: memcheck followed ${processes.length} process${processes.length === 1 ? "" : "es"}, ${countUserErrors(processes)} errors in the extension's code`
  );
  const file = { ...testCommandAsFileRun(run), processes };
  return { valgrind: tool.valgrind, suppressions: tool.suppressions, files: [file], sources, workspace: context.workspace };
}

// src/catalog/sanitizers.ts
var SANITIZERS = {
  "address-sanitizer": {
    check: "address-sanitizer",
    tool: "AddressSanitizer",
    logDir: "asan",
    compileFlag: "-fsanitize=address",
    source: "configure.ac --with-address-sanitizer (BASECFLAGS and LDFLAGS, 3.6+)",
    optionsVariable: "ASAN_OPTIONS",
    // LeakSanitizer runs at exit of each test file's process here, where a leak report is one file's;
    // the refleak hunt runs without it (its per-file workers would all end with exit code 23).
    passOptions: { detect_leaks: "1" },
    runtimeSymbol: "__asan_init",
    leakSuppressions: { "3.11": "lsan-cpython-3.11.supp" }
  },
  "undefined-behavior-sanitizer": {
    check: "undefined-behavior-sanitizer",
    tool: "UndefinedBehaviorSanitizer",
    logDir: "ubsan",
    compileFlag: "-fsanitize=undefined",
    source: "configure.ac --with-undefined-behavior-sanitizer (BASECFLAGS and LDFLAGS, 3.8+)",
    optionsVariable: "UBSAN_OPTIONS",
    // GCC's UBSan reports and carries on: every finding of a test file, not only the first.
    passOptions: { print_stacktrace: "1", halt_on_error: "0" },
    runtimeSymbol: "__ubsan_handle_"
  },
  "thread-sanitizer": {
    check: "thread-sanitizer",
    tool: "ThreadSanitizer",
    logDir: "tsan",
    compileFlag: "-fsanitize=thread",
    source: "configure.ac --with-thread-sanitizer (BASECFLAGS and LDFLAGS, 3.13+)",
    optionsVariable: "TSAN_OPTIONS",
    passOptions: { halt_on_error: "0" },
    runtimeSymbol: "__tsan_init",
    // 3.13.5's lists race:set_allocator_unlocked: without it every regrtest process with --timeout (faulthandler's
    // watchdog thread) ends with TSan's exit code 66 at finalisation (test/fixtures/cpython-3.13.5-tsan/).
    cpythonSuppressions: { member: "Tools/tsan/suppressions.txt", freeThreadedMember: "Tools/tsan/suppressions_free_threading.txt" }
  }
};
function isSanitizerCheck(check) {
  return Object.hasOwn(SANITIZERS, check);
}

// src/steps/run-sanitizers.ts
import path25 from "node:path";
async function runSanitizerPass(context, cell, check, extensions, units) {
  const spec = SANITIZERS[check];
  const sources = extensions.map((build) => ({ copy: extensionSourceCopy(build), project: workspaceRelative(build.projectDir, context.workspace) }));
  const hints = {
    workspace: context.workspace,
    extensionPaths: [...sources.map((source) => `${source.copy}/`), ...extensions.map((build) => `${build.sitePath}/`)],
    kinds: ["sanitizer"]
  };
  const instrumentation2 = [];
  for (const build of extensions) instrumentation2.push(await checkInstrumentation(build, spec));
  for (const missing of instrumentation2.filter((entry) => !entry.instrumented))
    context.log.warning(`${missing.projectDir} was not compiled with ${spec.compileFlag}: ${spec.tool} cannot see its bugs`);
  const supp = spec.leakSuppressions?.[minorOf(cell.python)];
  const suppressions = supp ? bundledPythonScript(supp) : void 0;
  const logDir = logPath(context, spec.logDir);
  const envFor = (name) => sanitizerPassEnv(spec, cell.runtimeEnv, path25.join(logDir, units.logName(name)), suppressions);
  const first = envFor(units.names[0] ?? "test");
  if ("error" in first) {
    context.log.warning(`the ${spec.tool} pass did not run: ${first.error}`);
    return { spec, logDir, env: {}, instrumentation: instrumentation2, runs: [], sources, notRun: first.error, ...suppressions ? { suppressions } : {} };
  }
  const runs = await context.log.group(`${spec.tool}: ${units.description}`, async () => {
    const runs2 = [];
    for (const testFile of units.names) {
      const passEnv = envFor(testFile);
      if ("error" in passEnv) continue;
      const run = await units.run(testFile, passEnv.env, logDir);
      const cases = run.progress;
      const endedInside = run.exitCode !== 0 && cases.unfinished !== void 0;
      const reports = [];
      for (const name of reportFilesOf(await listDir(logDir), units.logName(testFile))) {
        const file = path25.join(logDir, name);
        const log = await parseLogFile(file, hints);
        const fatal = log.results.sanitizer?.reports.some((report) => report.tool !== "LeakSanitizer" && report.leaks.length === 0) ?? false;
        const testCase = caseOfReport(cases, fatal && endedInside);
        reports.push(sanitizerReportRun(log, { file, testFile, ...testCase ? { case: testCase } : {}, sources, process: run }));
      }
      runs2.push({ ...run, testFile, cases: cases.started, reports });
      const found = reports.reduce((total, report) => total + (report.parsed?.reports.length ?? 0), 0);
      context.log.info(`${testFile}: ${describeRun(run)}, ${found} ${spec.tool} report${found === 1 ? "" : "s"}`);
    }
    return runs2;
  });
  return { spec, logDir, env: first.env, instrumentation: instrumentation2, runs, sources, ...suppressions ? { suppressions } : {} };
}
function testFileUnits(context, cell, target, runner, testFiles, options, inheritedPythonPath) {
  const base = testEnv(cell, target, inheritedPythonPath);
  return {
    names: testFiles,
    logName: runner.logName,
    description: `${testFiles.length} test files, one process each`,
    run: (testFile, passEnv, logDir) => runTestFile(context, runner, {
      prefix: [target.pythonPath],
      testFile,
      verbose: true,
      env: { ...base, ...passEnv },
      cwd: target.projectDir,
      logPath: path25.join(logDir, `${runner.logName(testFile)}.log`),
      timeoutSeconds: options.testTimeoutSeconds
    })
  };
}
function sanitizerReportRun(log, {
  file,
  testFile,
  case: testCase,
  sources,
  process: process2
}) {
  const mapped = (problem) => ({
    ...problem,
    message: mapSourceCopies(problem.message, sources),
    ...problem.file ? { file: mapSourceCopies(problem.file, sources) } : {},
    test: testFile
  });
  const result = {
    argv: process2.command,
    exitCode: process2.exitCode,
    signal: process2.signal,
    timedOut: process2.timedOut,
    seconds: 0,
    logPath: file,
    stdout: ""
  };
  return {
    ...parsedRun(result, { ...log, problems: log.problems.map(mapped) }),
    parsed: log.results.sanitizer,
    testFile,
    ...testCase ? { case: testCase } : {}
  };
}
function describeRun(run) {
  return run.signal ? `killed by ${run.signal}` : `exit ${run.exitCode}`;
}
async function checkInstrumentation(build, spec) {
  const compileLines = build.logPath ? checkCompileLines(await readTextIfPresent(build.logPath) ?? "", spec.compileFlag) : void 0;
  const modules = [];
  const entries = await listTree(build.sitePath).catch(() => []);
  for (const entry of entries.filter((name) => /\.(?:so|pyd|dylib)$/.test(name)).sort()) {
    const bytes = await readBytes(path25.join(build.sitePath, entry));
    modules.push({ file: entry.split(path25.sep).join("/"), instrumented: bytes.includes(spec.runtimeSymbol) });
  }
  const linesSay = compileLines === void 0 || compileLines.compileLines === 0 || compileLines.withoutFlag.length === 0;
  return {
    projectDir: build.projectDir,
    ...compileLines ? { compileLines } : {},
    modules,
    instrumented: linesSay && modules.every((module) => module.instrumented)
  };
}

// src/steps/run-cell.ts
function planCellOrThrow(config) {
  const planned = planCell(config.python, config.variant);
  if (!planned.ok) {
    const { refusal } = planned;
    throw new ConfigError(`${refusal.reason} (${refusal.source}).${refusal.alternative ? ` Use variant '${refusal.alternative}' instead.` : ""}`);
  }
  return planned.cell;
}
async function runCell(config, context, inheritedPythonPath) {
  const scratch = await makeScratchDir("pydebug-tmp-");
  try {
    return await runCellIn(config, withCommandEnv(context, { TMPDIR: scratch }), inheritedPythonPath);
  } finally {
    await removeTree(scratch);
  }
}
async function runCellIn(config, context, inheritedPythonPath) {
  let cell = withGilMode(planCellOrThrow(config), config.gil);
  const baseline = config.baseline ? baselineOrError(await readTextIfPresent(config.baseline), config.baseline) : void 0;
  await removeTree(path26.join(context.outDir, "logs"));
  await ensureDir(path26.join(context.outDir, "logs"));
  let interpreter;
  const extensions = [];
  let refleaks;
  let pytest;
  let testRunner;
  let showrefcount;
  let testCommand;
  let cpythonTests;
  let variantChecks;
  let memcheck;
  let sanitizers;
  const checksNotRun = [];
  let error;
  let errorExitCode = 0;
  try {
    const checks = config.variant.checks ?? [];
    const valgrind = checks.includes("memcheck") && config.extension && config.testsDir ? await findValgrind(context) : void 0;
    interpreter = await ensureInterpreter(context, cell, config.source, config);
    const sanitizerSpec = checks.filter(isSanitizerCheck).map((check) => SANITIZERS[check])[0];
    if (sanitizerSpec?.cpythonSuppressions) {
      const member = cell.abiFlags.includes("t") ? sanitizerSpec.cpythonSuppressions.freeThreadedMember : sanitizerSpec.cpythonSuppressions.member;
      const found = await cpythonSuppressions(context, cell, interpreter, config.source, {
        member,
        kept: path26.join("share", "pydebug", path26.basename(path26.dirname(member)), path26.basename(member)),
        marker: "race:",
        tool: sanitizerSpec.logDir
      });
      if (found.file) cell = withSanitizerSuppressions(cell, sanitizerSpec, found.file);
    }
    if (config.extension && config.testsDir) {
      const buildOptions = {
        rebuild: config.rebuildExtensions,
        buildEnv: config.buildEnv,
        ...config.buildCommand ? { buildCommand: config.buildCommand } : {}
      };
      for (const projectDir of [config.extension, ...config.extraExtensions])
        extensions.push(await ensureExtension(context, cell, interpreter, projectDir, buildOptions));
      const sitePath = extensions.map((build) => build.sitePath).join(path26.delimiter);
      const target = { pythonPath: interpreter.pythonPath, testsDir: config.testsDir, projectDir: config.extension, sitePath };
      const requirementsDir = await installTestRequirements(context, cell, interpreter.pythonPath, config.testRequirements);
      const testsPythonPath = [requirementsDir, inheritedPythonPath].filter((part) => part).join(path26.delimiter) || void 0;
      const sanitizer = checks.find(isSanitizerCheck);
      const memcheckTool = valgrind ? async () => ({ valgrind, suppressions: await memcheckSuppressions(context, cell, interpreter, config.source), extensions }) : void 0;
      if (config.testCommand) {
        const commandTarget = {
          command: config.testCommand,
          projectDir: config.extension,
          sitePaths: extensions.map((build) => build.sitePath),
          timeoutSeconds: config.testCommandTimeoutSeconds
        };
        const installed = interpreter;
        const runCommand2 = (passEnv) => runTestCommand(context, cell, installed, { ...commandTarget, ...passEnv ? { passEnv } : {} }, testsPythonPath);
        if (sanitizer) {
          sanitizers = await runSanitizerPass(context, cell, sanitizer, extensions, {
            names: [TEST_COMMAND_NAME],
            logName: (name) => name,
            description: "the test command, its reports in files of their own",
            run: async (_name, passEnv) => testCommandAsFileRun(testCommand = await runCommand2(passEnv))
          });
        }
        testCommand ??= await runCommand2();
        if (memcheckTool) memcheck = await runMemcheckOnCommand(context, cell, interpreter, commandTarget, await memcheckTool(), testsPythonPath);
        checksNotRun.push(
          ...perFileChecks(checks).map((check) => ({
            check,
            reason: `${check} runs each test file on its own, and the tests run through test-command here (${config.testCommand.text}): run without test-command (pydebug picks regrtest or pytest) to have it`
          }))
        );
      } else {
        const discovery = await discoverTestModules(config.testsDir);
        testRunner = chooseTestRunner(await readProjectTestFacts(config.extension, discovery), config);
        context.log.info(`the tests run under ${testRunner.runner}: ${testRunner.reason}`);
        const refleakOptions = {
          ...config.refleak,
          testTimeoutSeconds: config.testTimeoutSeconds,
          maxCaseRuns: config.maxCaseRuns,
          maxCaseRunsTotal: config.maxCaseRunsTotal
        };
        const env = testEnv(cell, target, testsPythonPath);
        let perFile;
        if (testRunner.runner === "pytest") {
          const hunt = pytest = await runPytestRefleakHunt(context, cell, target, refleakOptions, discovery, testsPythonPath);
          perFile = {
            runner: pytestFileRunner(config.extension, { module: PYTEST_PLUGIN_MODULE, dir: pytestPluginDir() }),
            testFiles: hunt.files.map((file) => file.file),
            caseIdsOf: async (testFile) => [...hunt.files.find((file) => file.file === testFile)?.caseIds ?? []]
          };
        } else {
          refleaks = await runRefleakHunt(context, cell, target, refleakOptions, discovery, testsPythonPath);
          perFile = {
            runner: regrtestFileRunner(config.testsDir, config.testTimeoutSeconds),
            testFiles: refleaks.discovery.modules,
            caseIdsOf: (testFile) => listTestCases(context, target, env, testFile, "valgrind")
          };
        }
        const { runner, testFiles } = perFile;
        showrefcount = await runShowrefcount(context, cell, target, runner, config, testFiles, testsPythonPath);
        variantChecks = await runVariantChecks(
          context,
          cell,
          checks,
          target,
          runner,
          testFiles,
          { ...config.refleak, testTimeoutSeconds: config.testTimeoutSeconds, gil: config.gil },
          testsPythonPath
        );
        if (memcheckTool)
          memcheck = await runMemcheck(context, cell, target, runner, config, testFiles, await memcheckTool(), perFile.caseIdsOf, testsPythonPath);
        if (sanitizer)
          sanitizers = await runSanitizerPass(
            context,
            cell,
            sanitizer,
            extensions,
            testFileUnits(context, cell, target, runner, testFiles, config, testsPythonPath)
          );
      }
    }
    if (config.cpythonTests.kind !== "none") {
      cpythonTests = await runCpythonTests(context, cell, interpreter.pythonPath, {
        selection: config.cpythonTests,
        jobs: config.jobs,
        timeoutSeconds: config.testTimeoutSeconds,
        ...config.cpythonTestsShard ? { shard: config.cpythonTestsShard } : {},
        ...config.cpythonTestsDurations ? { durationsFile: config.cpythonTestsDurations } : {}
      });
    }
  } catch (thrown) {
    const caught = context.cancel?.aborted && !(thrown instanceof CancelledError) ? context.cancel.reason : thrown;
    errorExitCode = caught instanceof PydebugError ? caught.exitCode : INTERNAL_ERROR_EXIT_CODE;
    error = caught instanceof PydebugError ? {
      kind: caught.name,
      message: caught.message,
      ..."logPath" in caught && typeof caught.logPath === "string" ? { log: reportPath(context, caught.logPath) } : {}
    } : { kind: "InternalError", message: caught instanceof Error ? caught.stack ?? caught.message : String(caught) };
  }
  const collected = collectReport({
    toolVersion: TOOL_VERSION,
    generatedAt: (/* @__PURE__ */ new Date()).toISOString(),
    cell,
    sourceDescription: describeSource(config.source),
    ...interpreter ? { interpreter } : {},
    extensions,
    ...refleaks ? { refleaks } : {},
    ...pytest ? { pytest } : {},
    ...testRunner ? { testRunner } : {},
    ...showrefcount ? { showrefcount } : {},
    ...testCommand ? { testCommand } : {},
    ...cpythonTests ? { cpythonTests } : {},
    ...variantChecks ? { variantChecks } : {},
    ...memcheck ? { memcheck } : {},
    ...sanitizers ? { sanitizers } : {},
    ...checksNotRun.length ? { checksNotRun } : {},
    ...error ? { error } : {},
    relative: (absolutePath) => reportPath(context, absolutePath)
  });
  const report = withBaseline(collected, baseline, config.failOn);
  const summaryMarkdown = renderSummaryMarkdown(report);
  const reportFile = path26.join(context.outDir, "report.json");
  const summaryFile = path26.join(context.outDir, "summary.md");
  await writeFileAtomic(reportFile, `${JSON.stringify(report, null, 2)}
`);
  await writeFileAtomic(summaryFile, summaryMarkdown);
  await writeFileAtomic(path26.join(context.outDir, "report.html"), renderHtmlReport(report));
  return {
    report,
    reportPath: reportFile,
    summaryPath: summaryFile,
    summaryMarkdown,
    ...interpreter ? { interpreter } : {},
    exitCode: error ? errorExitCode : findingsExitCode(report, config.failOn)
  };
}

// src/cli/command.ts
import { parseArgs } from "node:util";
function parseCommandArgs(args, options, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true, allowNegative: true });
  } catch (error) {
    const known = Object.entries(options).map(([name, option]) => option.type === "boolean" ? `--[no-]${name}` : `--${name}`).join(", ");
    const message = error instanceof Error ? error.message.replace(/\. To specify .*$/s, "") : String(error);
    throw new ConfigError(`${message}. Allowed options: ${known}.`);
  }
}

// src/adapters/run-environment.ts
import { statSync } from "node:fs";
import os5 from "node:os";
function runEnvironment(cwd, env) {
  return {
    cwd,
    env,
    homeDir: env.HOME || os5.homedir(),
    cpuCount: os5.availableParallelism(),
    pathKind: (absolutePath) => {
      try {
        return statSync(absolutePath).isDirectory() ? "directory" : "file";
      } catch {
        return void 0;
      }
    }
  };
}

// src/config/matrix-input.ts
import { readFileSync } from "node:fs";
import path27 from "node:path";

// src/config/matrix-config.ts
var import_yaml = __toESM(require_dist(), 1);

// src/catalog/known-versions.ts
var KNOWN_MINORS = [
  { minor: "3.6", latest: "3.6.15" },
  { minor: "3.7", latest: "3.7.17" },
  { minor: "3.8", latest: "3.8.20" },
  { minor: "3.9", latest: "3.9.25" },
  { minor: "3.10", latest: "3.10.19" },
  { minor: "3.11", latest: "3.11.14" },
  { minor: "3.12", latest: "3.12.12" },
  { minor: "3.13", latest: "3.13.9" },
  { minor: "3.14", latest: "3.14.0" },
  { minor: "3.15", latest: "3.15.0a1", note: "no final 3.15 release yet: the newest pre-release python.org lists" }
];
function findKnownMinor(minor) {
  return KNOWN_MINORS.find((known) => known.minor === minor);
}

// src/plan/select.ts
var GlobSyntaxError = class extends Error {
};
var MAX_BRACE_EXPANSIONS = 1024;
function expandBraces(pattern) {
  const open6 = pattern.indexOf("{");
  if (open6 === -1) {
    if (pattern.includes("}")) throw new GlobSyntaxError(`unmatched '}' in '${pattern}'`);
    return [pattern];
  }
  let depth = 0;
  const commas = [];
  for (let index = open6; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "{") depth++;
    else if (char === "}" && --depth === 0) {
      const head = pattern.slice(0, open6);
      const tail = pattern.slice(index + 1);
      const bounds = [open6, ...commas, index];
      const options = bounds.slice(1).map((end, position) => pattern.slice(bounds[position] + 1, end));
      const expanded = [];
      for (const option of options) {
        expanded.push(...expandBraces(`${head}${option}${tail}`));
        if (expanded.length > MAX_BRACE_EXPANSIONS) throw new GlobSyntaxError(`its braces expand to more than ${MAX_BRACE_EXPANSIONS} patterns`);
      }
      return expanded;
    } else if (char === "," && depth === 1) commas.push(index);
  }
  throw new GlobSyntaxError(`unmatched '{' in '${pattern}'`);
}
function globSteps(pattern) {
  const steps = [];
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "*") {
      if (steps.at(-1)?.kind !== "star") steps.push({ kind: "star" });
    } else if (char === "?") steps.push({ kind: "any" });
    else if (char === "[") {
      const close = pattern.indexOf("]", index + 2);
      if (close === -1) throw new GlobSyntaxError(`unmatched '[' in '${pattern}'`);
      let body = pattern.slice(index + 1, close);
      const negate = body.startsWith("!");
      if (negate) body = body.slice(1);
      const ranges = [];
      for (let at = 0; at < body.length; at++) {
        if (body[at + 1] === "-" && at + 2 < body.length) {
          if (body[at] > body[at + 2]) throw new GlobSyntaxError(`the range '${body.slice(at, at + 3)}' in '${pattern}' is out of order`);
          ranges.push([body[at], body[at + 2]]);
          at += 2;
        } else ranges.push([body[at], body[at]]);
      }
      steps.push({ kind: "set", ranges, negate });
      index = close;
    } else steps.push({ kind: "char", char });
  }
  return steps;
}
function stepTakes(step, char) {
  if (step.kind === "char") return step.char === char;
  if (step.kind === "set") return step.ranges.some(([low, high]) => low <= char && char <= high) !== step.negate;
  return step.kind === "any";
}
function globMatches(steps, text3) {
  let step = 0;
  let at = 0;
  let starStep = -1;
  let starAt = 0;
  while (at < text3.length) {
    const current = steps[step];
    if (current !== void 0 && current.kind !== "star" && stepTakes(current, text3[at])) {
      step++;
      at++;
    } else if (current?.kind === "star") {
      starStep = step++;
      starAt = at;
    } else if (starStep >= 0) {
      step = starStep + 1;
      at = ++starAt;
    } else return false;
  }
  while (steps[step]?.kind === "star") step++;
  return step === steps.length;
}
function compileSelector(pattern) {
  const alternatives = expandBraces(pattern.trim()).map(globSteps);
  return { pattern, matches: (id) => alternatives.some((steps) => globMatches(steps, id)) };
}

// src/plan/matrix.ts
var GITHUB_MATRIX_JOB_LIMIT = 256;
var MATRIX_DEFAULTS = {
  variants: ["pydebug"],
  os: ["ubuntu-24.04"],
  skip: [],
  strict: false,
  maxJobs: GITHUB_MATRIX_JOB_LIMIT,
  split: false
};
var RUNNER_LABELS = {
  "ubuntu-latest": { os: "linux", arch: "x64", image: "ubuntu24" },
  "ubuntu-24.04": { os: "linux", arch: "x64", image: "ubuntu24" },
  "ubuntu-22.04": { os: "linux", arch: "x64", image: "ubuntu22" },
  "ubuntu-24.04-arm": { os: "linux", arch: "arm64", image: "ubuntu24" },
  "ubuntu-22.04-arm": { os: "linux", arch: "arm64", image: "ubuntu22" },
  "macos-latest": { os: "darwin", arch: "arm64", image: "macos15" },
  "macos-15": { os: "darwin", arch: "arm64", image: "macos15" },
  "macos-14": { os: "darwin", arch: "arm64", image: "macos14" },
  "macos-13": { os: "darwin", arch: "x64", image: "macos13" }
};
function platformOfRunner(label) {
  return RUNNER_LABELS[label] ?? { os: label, arch: "unknown" };
}
function resolvePythonSelection(text3) {
  const trimmed = text3.trim();
  const known = findKnownMinor(trimmed);
  if (known) return parsePythonVersion(known.latest);
  const exact = parsePythonVersion(trimmed);
  return exact && findKnownMinor(minorOf(exact)) ? exact : void 0;
}
function resolveVariant(name, customVariants) {
  return customVariants.find((variant) => variant.name === name) ?? findVariant(name);
}
var formatEnv = (env) => Object.entries(env).map(([key, value]) => `${key}=${value}`).join(" ");
function planMatrix(config) {
  const skips = config.skip.map(compileSelector);
  const used = /* @__PURE__ */ new Set();
  const versions = config.python.map((text3) => {
    const version = resolvePythonSelection(text3);
    if (!version) throw new ConfigError(`python '${text3}' is not a CPython version the catalog knows (3.6 to 3.15, as X.Y or X.Y.Z).`);
    return version;
  });
  const variants = config.variants.map((name) => {
    const variant = resolveVariant(name, config.customVariants);
    if (!variant) throw new ConfigError(`variant '${name}' is neither built in nor defined under custom-variants.`);
    return variant;
  });
  const multipleOs = config.os.length > 1;
  rejectDuplicates(config.os, "os", (label) => label);
  rejectDuplicates(versions, "python", (version) => minorOf(version));
  rejectDuplicates(variants, "variants", (variant) => variant.name);
  const cells = [];
  const refusals = [];
  const warnings = [];
  const substitutions = [];
  const planned = versions.map((python) => {
    const source = resolveSourceSpec(config.source, python, (path31) => path31);
    return {
      sourceIdentity: sourceIdentityOf(source),
      results: variants.map((variant) => planCell(python, variant))
    };
  });
  for (const os6 of config.os) {
    const platform = platformOfRunner(os6);
    for (const { sourceIdentity, results } of planned) {
      for (const result of results) {
        const id = result.ok ? result.cell.id : result.refusal.id;
        const skip = skips.find((selector) => selector.matches(selector.pattern.includes(":") ? `${os6}:${id}` : id));
        if (skip) {
          used.add(skip);
          continue;
        }
        if (!result.ok) {
          refusals.push({ ...result.refusal, os: os6 });
          continue;
        }
        const cell = result.cell;
        if (cell.substitution) substitutions.push(`${cell.id}: ${cell.substitution.reason} (${cell.substitution.source})`);
        for (const shard of cpythonTestShards(config.cpythonTestsShards)) {
          const id2 = shard ? `${cell.id}-${shardSuffix(shard)}` : cell.id;
          cells.push({
            os: os6,
            cell,
            row: {
              id: id2,
              os: os6,
              "python-version": cell.python.text,
              python: minorOf(cell.python),
              variant: cell.variant,
              "configure-args": cell.configureArgs.join(" "),
              "build-env": formatEnv(cell.buildEnv),
              "runtime-env": formatEnv(cell.runtimeEnv),
              "abi-flags": cell.abiFlags,
              "abi-group": cell.extensionAbi,
              "extension-rebuild": cell.extensionRebuild.need,
              "cache-key": planBuildCacheKey({ cell, source: sourceIdentity, platform }),
              artifact: `pydebug-${id2}${multipleOs ? `-${os6}` : ""}`,
              ...shard ? { "cpython-tests-shard": `${shard.index}/${shard.count}` } : {},
              ...cell.substitution ? { note: `built as its equivalent: ${cell.substitution.reason}` } : {}
            }
          });
        }
      }
    }
  }
  for (const selector of skips) {
    if (!used.has(selector)) warnings.push(`skip '${selector.pattern}' matches no cell of this matrix; it has no effect.`);
  }
  warnings.push(...[...new Set(substitutions)].map((text3) => `substituted ${text3}`));
  if (config.strict && (refusals.length || substitutions.length)) {
    const lines = [.../* @__PURE__ */ new Set([...refusals.map((refusal) => `${refusal.id}: ${refusal.reason} (${refusal.source})`), ...substitutions])];
    throw new ConfigError(`strict: ${lines.length} cell(s) cannot be built as asked:
  ${lines.join("\n  ")}
Skip them (skip: [...]) or turn strict off.`);
  }
  if (cells.length === 0) {
    throw new ConfigError(
      `the selection matches no buildable cell (${refusals.length} refused, the rest skipped).${refusals.length ? `
  ${refusals.map((refusal) => `${refusal.id}: ${refusal.reason}`).join("\n  ")}` : ""}`
    );
  }
  return { cells, refusals, warnings, shards: shardCells(cells, config) };
}
function cpythonTestShards(count2) {
  return count2 && count2 > 1 ? Array.from({ length: count2 }, (_, index) => ({ index: index + 1, count: count2 })) : [void 0];
}
function rejectDuplicates(values, key, identity) {
  const seen = /* @__PURE__ */ new Set();
  for (const value of values) {
    const name = identity(value);
    if (seen.has(name)) throw new ConfigError(`${key} lists ${name} more than once; each cell identifier must be unique (one X.Y or X.Y.Z per minor version).`);
    seen.add(name);
  }
}
function shardCells(cells, config) {
  if (cells.length <= config.maxJobs) return [[...cells]];
  const count2 = Math.ceil(cells.length / config.maxJobs);
  if (!config.split) {
    throw new ConfigError(
      `the matrix has ${cells.length} jobs, over the limit of ${config.maxJobs} per matrix (GitHub allows ${GITHUB_MATRIX_JOB_LIMIT}). Narrow it with skip, or set split: true to get ${count2} shards.`
    );
  }
  const size = Math.ceil(cells.length / count2);
  return Array.from({ length: count2 }, (_, index) => cells.slice(index * size, (index + 1) * size));
}
function matrixInclude(cells) {
  return { include: cells.map((planned) => planned.row) };
}

// src/config/nearest-match.ts
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
function closestMatch(value, candidates) {
  const lower = value.toLowerCase();
  const prefixed = (candidate) => lower.length >= 3 && (candidate.toLowerCase().startsWith(lower) || lower.startsWith(candidate.toLowerCase()));
  const plausible = (distance, candidate) => distance <= Math.max(2, Math.floor(Math.max(value.length, candidate.length) / 3));
  let best;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const shared = prefixed(candidate);
    if (!shared && !plausible(Math.abs(lower.length - candidate.length), candidate)) continue;
    const score = shared ? (lower === candidate.toLowerCase() ? 0 : 1) - 0.5 : editDistance(lower, candidate.toLowerCase());
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best === void 0) return void 0;
  return prefixed(best) || plausible(bestScore, best) ? best : void 0;
}
function perhaps(value, candidates) {
  const match = closestMatch(value, candidates);
  return match ? ` Perhaps you meant '${match}'?` : "";
}

// src/config/source-input.ts
function sourceOf(text3, python, resolve, name) {
  let source;
  let url;
  try {
    source = resolveSourceSpec(text3, python, resolve);
    url = source.kind === "url" ? new URL(source.url) : void 0;
  } catch {
    throw new ConfigError(
      `${name} '${text3}' is not allowed: it is not a valid URL. Give a CPython source tarball or folder, an http(s) URL, or a URL template with {version}.`
    );
  }
  if (url?.username || url?.password) {
    throw new ConfigError(
      `${name} '${text3.replace(/(:\/\/)[^/]*@/, "$1***@")}' is not allowed: a URL with a user name or password cannot be downloaded (fetch refuses credentials in URLs), and it would be written into the logs and the report. Download the tarball in an earlier step and give its path.`
    );
  }
  return source;
}

// src/config/matrix-config.ts
var MAX_CPYTHON_TESTS_SHARDS = 32;
var DEFAULT_MATRIX_CONFIG_PATH = ".github/pydebug.yml";
var MATRIX_CONFIG_FIELDS = {
  python: { field: "python", read: "list" },
  variants: { field: "variants", read: "list" },
  os: { field: "os", read: "list" },
  skip: { field: "skip", read: "list" },
  "custom-variants": { field: "customVariants", read: "custom-variants" },
  strict: { field: "strict", read: "boolean" },
  source: { field: "source", read: "text" },
  "max-jobs": { field: "maxJobs", read: "scalar" },
  split: { field: "split", read: "boolean" },
  "cpython-tests-shards": { field: "cpythonTestsShards", read: "scalar" }
};
var MATRIX_CONFIG_KEYS = Object.keys(MATRIX_CONFIG_FIELDS);
var CUSTOM_VARIANT_KEYS = ["summary", "configure-args", "macros", "build-env", "env"];
var VARIANT_NAME = /^[a-z][a-z0-9-]*$/;
var MACRO = /^[A-Za-z_][A-Za-z0-9_]*(=.*)?$/;
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var CONFIGURE_VARIABLE = /^[A-Z_][A-Z0-9_]*=/;
var allowedList = (values) => values.join(", ");
function parseMatrixConfigFile(text3, file) {
  const lineCounter = new import_yaml.LineCounter();
  const document = (0, import_yaml.parseDocument)(text3, { lineCounter, prettyErrors: false });
  const at = (node) => {
    if (!node?.range) return file;
    const { line, col } = lineCounter.linePos(node.range[0]);
    return `${file}:${line}:${col}`;
  };
  const syntax = document.errors[0];
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.pos[0]);
    throw new ConfigError(`${file}:${line}:${col}: not valid YAML: ${syntax.message.split("\n")[0]}`);
  }
  const warnings = [];
  const root = document.contents;
  if (root === null || (0, import_yaml.isScalar)(root) && root.value === null) return { input: {}, warnings };
  if (!(0, import_yaml.isMap)(root)) throw new ConfigError(`${at(root)}: expected a mapping of settings (${allowedList(MATRIX_CONFIG_KEYS)}).`);
  const scalarText = (node) => node.type === "PLAIN" && node.source !== void 0 ? node.source : String(node.value);
  const list = (pair, key) => {
    const value = pair.value;
    if ((0, import_yaml.isScalar)(value)) return [{ text: scalarText(value), where: at(value) }];
    if (!(0, import_yaml.isSeq)(value)) throw new ConfigError(`${at(value ?? pair.key)}: '${key}' must be a list of strings.`);
    return value.items.map((item) => {
      if (!(0, import_yaml.isScalar)(item) || item.value === null || typeof item.value === "object")
        throw new ConfigError(`${at(item)}: '${key}' entries must be strings.`);
      return { text: scalarText(item), where: at(item) };
    });
  };
  const boolean = (pair, key) => {
    const value = pair.value;
    if (!(0, import_yaml.isScalar)(value) || typeof value.value !== "boolean") throw new ConfigError(`${at(value ?? pair.key)}: '${key}' must be true or false.`);
    return value.value;
  };
  const scalar = (pair, key) => {
    const value = pair.value;
    if (!(0, import_yaml.isScalar)(value) || value.value === null) throw new ConfigError(`${at(value ?? pair.key)}: '${key}' must be a single value.`);
    return { text: scalarText(value), where: at(value) };
  };
  const input = {};
  for (const pair of root.items) {
    const keyNode = pair.key;
    const key = (0, import_yaml.isScalar)(keyNode) ? String(keyNode.value) : "";
    if (!Object.hasOwn(MATRIX_CONFIG_FIELDS, key))
      throw new ConfigError(`${at(keyNode)}: unknown key '${key}'. Allowed keys: ${allowedList(MATRIX_CONFIG_KEYS)}.${perhaps(key, MATRIX_CONFIG_KEYS)}`);
    const { field, read } = MATRIX_CONFIG_FIELDS[key];
    const readers = {
      list: () => list(pair, key),
      boolean: () => boolean(pair, key),
      scalar: () => scalar(pair, key),
      text: () => scalar(pair, key).text,
      "custom-variants": () => parseCustomVariants(pair.value, at, scalarText, warnings)
    };
    input[field] = readers[read]();
  }
  return { input, warnings };
}
function parseCustomVariants(node, at, scalarText, warnings) {
  if (!(0, import_yaml.isMap)(node)) throw new ConfigError(`${at(node)}: 'custom-variants' must map each variant name to its settings (${allowedList(CUSTOM_VARIANT_KEYS)}).`);
  const builtIn = VARIANTS.map((variant) => variant.name);
  return node.items.map((pair) => {
    const nameNode = pair.key;
    const name = (0, import_yaml.isScalar)(nameNode) ? String(nameNode.value) : "";
    if (!VARIANT_NAME.test(name))
      throw new ConfigError(`${at(nameNode)}: custom variant name '${name}' must be lower-case letters, digits and '-', starting with a letter.`);
    if (builtIn.includes(name)) throw new ConfigError(`${at(nameNode)}: custom variant '${name}' has the name of a built-in variant; choose another name.`);
    const body = pair.value;
    if (!(0, import_yaml.isMap)(body)) throw new ConfigError(`${at(body ?? nameNode)}: custom variant '${name}' must be a mapping with ${allowedList(CUSTOM_VARIANT_KEYS)}.`);
    const strings = (value, what) => {
      const items = (0, import_yaml.isScalar)(value) ? [value] : (0, import_yaml.isSeq)(value) ? value.items : void 0;
      if (!items) throw new ConfigError(`${at(value)}: ${what} must be a list of strings.`);
      return items.map((item) => {
        if (!(0, import_yaml.isScalar)(item) || item.value === null || typeof item.value === "object") throw new ConfigError(`${at(item)}: ${what} entries must be strings.`);
        return { text: scalarText(item), node: item };
      });
    };
    const env = (value, what) => {
      if (!(0, import_yaml.isMap)(value)) throw new ConfigError(`${at(value)}: ${what} must map variable names to values.`);
      const result = {};
      for (const entry of value.items) {
        const key = entry.key;
        const variable = (0, import_yaml.isScalar)(key) ? String(key.value) : "";
        if (!ENV_NAME.test(variable)) throw new ConfigError(`${at(key)}: '${variable}' is not an environment variable name.`);
        const entryValue = entry.value;
        if (!(0, import_yaml.isScalar)(entryValue) || entryValue.value === null || typeof entryValue.value === "object")
          throw new ConfigError(`${at(entryValue ?? key)}: ${what}.${variable} must be a string.`);
        result[variable] = scalarText(entryValue);
      }
      return result;
    };
    let summary;
    let configureArgs = [];
    let macros = [];
    let buildEnv = {};
    let runtimeEnv = {};
    for (const field of body.items) {
      const keyNode = field.key;
      const key = (0, import_yaml.isScalar)(keyNode) ? String(keyNode.value) : "";
      const value = field.value;
      const what = `custom-variants.${name}.${key}`;
      switch (key) {
        case "summary":
          summary = strings(value, what)[0]?.text;
          break;
        case "configure-args":
          configureArgs = strings(value, what).map(({ text: text3, node: argNode }) => checkConfigureArg(text3, `${at(argNode)}: ${what}`, warnings));
          break;
        case "macros":
          macros = strings(value, what).map(({ text: text3, node: macroNode }) => {
            const macro = text3.replace(/^-D/, "");
            if (!MACRO.test(macro)) throw new ConfigError(`${at(macroNode)}: ${what}: '${text3}' is not a C macro (NAME or NAME=value).`);
            return macro;
          });
          break;
        case "build-env":
          buildEnv = env(value, what);
          break;
        case "env":
          runtimeEnv = env(value, what);
          break;
        default:
          throw new ConfigError(
            `${at(keyNode)}: unknown key '${key}' in custom variant '${name}'. Allowed keys: ${allowedList(CUSTOM_VARIANT_KEYS)}.${perhaps(key, CUSTOM_VARIANT_KEYS)}`
          );
      }
    }
    const described = [...configureArgs, ...macros.map((macro) => `-D${macro}`), ...Object.entries(runtimeEnv).map(([key, value]) => `${key}=${value}`)].join(
      " "
    );
    return {
      name,
      summary: summary ?? `custom: ${described || "release build"}`,
      configureArgs,
      ...macros.length ? { macros } : {},
      ...Object.keys(buildEnv).length ? { buildEnv } : {},
      ...Object.keys(runtimeEnv).length ? { runtimeEnv } : {},
      custom: true
    };
  });
}
var KNOWN_OPTION_SPELLINGS = CONFIGURE_OPTIONS.flatMap((option) => option.spellings);
function checkConfigureArg(arg, where, warnings) {
  if (CONFIGURE_VARIABLE.test(arg)) return arg;
  if (!arg.startsWith("--")) throw new ConfigError(`${where}: '${arg}' is not a configure option (--with-X, --enable-X) or variable (CFLAGS=...).`);
  if (optionName(arg) === "--prefix")
    throw new ConfigError(`${where}: '--prefix' is set by pydebug (each cell installs into its own cached prefix); remove it.`);
  if (findConfigureOption(arg)) return arg;
  const suggestion = closestMatch(optionName(arg), KNOWN_OPTION_SPELLINGS);
  if (suggestion) throw new ConfigError(`${where}: unknown configure option '${arg}'. Perhaps you meant '${suggestion}'?`);
  warnings.push(
    `${where}: '${arg}' is not in the catalog's table of configure options, so its versions are not checked; configure ignores options it does not know.`
  );
  return arg;
}
function possibleCellIds(customVariants) {
  const variants = [...VARIANTS, ...customVariants];
  return KNOWN_MINORS.flatMap((known) => {
    const minor = parseMinorVersion(known.minor);
    return variants.map((variant) => cellId(minor, variant.name, isFreeThreaded(variant.configureArgs)));
  });
}
function mergeMatrixInputs(file, overrides) {
  const merged = { ...file };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== void 0) merged[key] = value;
  }
  return merged;
}
function validateMatrixInput(input) {
  const warnings = [];
  const customVariants = input.customVariants ?? [];
  const minors = KNOWN_MINORS.map((known) => known.minor);
  if (!input.python?.length)
    throw new ConfigError(`python is required: a list of CPython versions, from ${allowedList(minors)} (X.Y, or X.Y.Z for an exact release).`);
  for (const { text: text3, where } of input.python) {
    if (!resolvePythonSelection(text3)) {
      throw new ConfigError(
        `${where}: unknown python version '${text3}'. Allowed: ${allowedList(minors)}, or an exact X.Y.Z release of one of them.${perhaps(text3, minors)}`
      );
    }
  }
  const variantNames = [...VARIANTS.map((variant) => variant.name), ...customVariants.map((variant) => variant.name)];
  const variants = input.variants ?? MATRIX_DEFAULTS.variants.map((text3) => ({ text: text3, where: "default" }));
  if (!variants.length) throw new ConfigError(`variants must name at least one variant. Allowed: ${allowedList(variantNames)}.`);
  for (const { text: text3, where } of variants) {
    if (!variantNames.includes(text3)) {
      throw new ConfigError(
        `${where}: unknown variant '${text3}'. Allowed: ${allowedList(variantNames)} (define others under custom-variants).${perhaps(text3, variantNames)}`
      );
    }
  }
  const os6 = input.os ?? MATRIX_DEFAULTS.os.map((text3) => ({ text: text3, where: "default" }));
  if (!os6.length) throw new ConfigError(`os must name at least one runner label, e.g. ${MATRIX_DEFAULTS.os[0]}.`);
  const labels = Object.keys(RUNNER_LABELS);
  for (const { text: text3, where } of os6) {
    const runnerProblem = unsupportedRunnerReason(text3);
    if (runnerProblem) throw new ConfigError(`${where}: '${text3}': ${runnerProblem}. Allowed labels: ${allowedList(labels)}.`);
    const runnerNotice = untestedRunnerNotice(text3);
    if (runnerNotice) warnings.push(`${where}: '${text3}': ${runnerNotice}`);
    if (!labels.includes(text3)) {
      warnings.push(
        `${where}: '${text3}' is not a GitHub-hosted runner label the catalog knows (${allowedList(labels)}); cache keys name it as the OS with an unknown architecture.${perhaps(text3, labels)}`
      );
    }
  }
  const possibleIds = possibleCellIds(customVariants);
  const possibleOsIds = [.../* @__PURE__ */ new Set([...labels, ...os6.map((located) => located.text)])].flatMap((label) => possibleIds.map((id) => `${label}:${id}`));
  for (const { text: text3, where } of input.skip ?? []) {
    let selector;
    try {
      selector = compileSelector(text3);
    } catch (error) {
      if (error instanceof GlobSyntaxError) throw new ConfigError(`${where}: skip '${text3}': ${error.message}.`);
      throw error;
    }
    const possible = text3.includes(":") ? possibleOsIds : possibleIds;
    if (!possible.some((id) => selector.matches(id))) {
      throw new ConfigError(
        `${where}: skip '${text3}' can never match: identifiers look like cp311-pydebug or cp313t-free-threading (cp<version>[t]-<variant>), or ubuntu-24.04:cp311-pydebug to skip on one runner.${perhaps(text3, possible)}`
      );
    }
  }
  if (input.source) sourceOf(input.source, resolvePythonSelection(input.python[0].text), (file) => file, "source");
  let maxJobs = MATRIX_DEFAULTS.maxJobs;
  if (input.maxJobs) {
    const parsed = Number(input.maxJobs.text);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > GITHUB_MATRIX_JOB_LIMIT) {
      throw new ConfigError(`${input.maxJobs.where}: max-jobs '${input.maxJobs.text}' must be a whole number from 1 to ${GITHUB_MATRIX_JOB_LIMIT}.`);
    }
    maxJobs = parsed;
  }
  let cpythonTestsShards;
  if (input.cpythonTestsShards) {
    const parsed = Number(input.cpythonTestsShards.text);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > MAX_CPYTHON_TESTS_SHARDS) {
      throw new ConfigError(
        `${input.cpythonTestsShards.where}: cpython-tests-shards '${input.cpythonTestsShards.text}' must be a whole number from 1 to ${MAX_CPYTHON_TESTS_SHARDS} (jobs per cell sharing CPython's test suite).`
      );
    }
    cpythonTestsShards = parsed;
  }
  return {
    config: {
      python: input.python.map((located) => located.text.trim()),
      variants: variants.map((located) => located.text),
      os: os6.map((located) => located.text),
      skip: (input.skip ?? []).map((located) => located.text),
      customVariants,
      strict: input.strict ?? MATRIX_DEFAULTS.strict,
      ...input.source ? { source: input.source } : {},
      maxJobs,
      split: input.split ?? MATRIX_DEFAULTS.split,
      ...cpythonTestsShards && cpythonTestsShards > 1 ? { cpythonTestsShards } : {}
    },
    warnings
  };
}
function locatedList(values, flag) {
  if (values === void 0) return void 0;
  const list = (typeof values === "string" ? [values] : values).flatMap(splitOutsideBraces);
  return list.map((text3) => ({ text: text3, where: flag }));
}
function splitOutsideBraces(value) {
  const parts = [];
  let depth = 0;
  let current = "";
  for (const char of value) {
    if (char === "{") depth++;
    else if (char === "}") depth--;
    if (depth <= 0 && (char === "," || /\s/.test(char))) {
      if (current) parts.push(current);
      current = "";
    } else current += char;
  }
  if (current) parts.push(current);
  return parts;
}
function planMatrixFromInput(input, parseWarnings = []) {
  const { config, warnings } = validateMatrixInput(input);
  const plan = planMatrix(config);
  return { config, plan, warnings: [...parseWarnings, ...warnings, ...plan.warnings] };
}
function shardIndexOf(text3, plan, where) {
  if (text3 === void 0 || text3.trim() === "") return 0;
  const shard = Number(text3);
  if (!Number.isInteger(shard) || shard < 1 || shard > plan.shards.length) {
    throw new ConfigError(`${where} '${text3}' must be a shard number from 1 to ${plan.shards.length}.`);
  }
  return shard - 1;
}

// src/config/matrix-input.ts
function readConfigFile(given, source) {
  const explicit = given?.trim() || void 0;
  const shown = explicit ?? DEFAULT_MATRIX_CONFIG_PATH;
  const file = path27.resolve(source.cwd, shown);
  let text3;
  try {
    text3 = readFileSync(file, "utf8");
  } catch (error) {
    const code3 = error.code ?? String(error);
    if (explicit === void 0 && code3 === "ENOENT") return { input: {}, warnings: [] };
    const name = source.nameOf("config");
    let problem;
    if (explicit === void 0) problem = `${name} unset reads ${DEFAULT_MATRIX_CONFIG_PATH}, but it cannot be read (${file}: ${code3})`;
    else if (code3 === "ENOENT") problem = `${name} '${explicit}': no such file (${file})`;
    else problem = `${name} '${explicit}': cannot read ${file} (${code3})`;
    throw new ConfigError(
      `${problem}. Give the path of a pydebug config file relative to ${source.cwdMeaning}, or leave ${name} unset to read ${DEFAULT_MATRIX_CONFIG_PATH} when it exists.`
    );
  }
  return parseMatrixConfigFile(text3, shown);
}
function loadCustomVariants(given, source) {
  return readConfigFile(given, source).input.customVariants ?? [];
}
function loadMatrixInput(configFile, values, source) {
  const file = readConfigFile(configFile, source);
  const located = (name) => values[name] === void 0 ? void 0 : { text: values[name], where: source.nameOf(name) };
  const overrides = {
    python: locatedList(values.python, source.nameOf("python")),
    variants: locatedList(values.variants, source.nameOf("variants")),
    os: locatedList(values.os, source.nameOf("os")),
    skip: locatedList(values.skip, source.nameOf("skip")),
    strict: values.strict,
    split: values.split,
    source: values.source,
    maxJobs: located("max-jobs"),
    cpythonTestsShards: located("cpython-tests-shards")
  };
  return { input: mergeMatrixInputs(file.input, overrides), warnings: file.warnings };
}

// src/config/option-names.ts
var flagName = (name) => `--${name}`;
var inputName = (name) => `input '${name}'`;
var commandLineSource = (cwd) => ({ nameOf: flagName, cwd, cwdMeaning: "the working directory" });

// src/config/run-config.ts
import path28 from "node:path";

// src/config/run-option-table.ts
function phaseTimeoutOption(phase, defaultMinutes) {
  const command = phaseCommandName(phase);
  return {
    input: timeoutInputOf(phase),
    kind: "text",
    default: defaultMinutes,
    placeholder: "MIN",
    description: `Minutes CPython's ${command} may run; then its processes are ended and the build fails, saying ${command} stalled.`
  };
}
var RUN_OPTIONS = {
  python: { input: "python-version", flag: "python", kind: "text", placeholder: "X.Y.Z", description: "CPython release to build, X.Y.Z (e.g. 3.11.2)." },
  variant: {
    input: "variant",
    kind: "text",
    default: "pydebug",
    placeholder: "NAME",
    description: `Debug variant (${VARIANTS.map((variant) => variant.name).join(", ")}) or a custom variant from the config file.`
  },
  config: {
    input: "config",
    kind: "text",
    default: "",
    placeholder: "FILE",
    description: `pydebug config file with custom variants, relative to the workspace. Empty or ${DEFAULT_MATRIX_CONFIG_PATH} reads that file when it exists; any other path (on the command line, any path given) must exist.`
  },
  source: {
    input: "source",
    kind: "text",
    default: "",
    placeholder: "SRC",
    description: "The CPython source, as a tarball path, a URL, a URL template with {version} and {release}, or a folder (an unpacked release or a git checkout of the version given; built out of tree as it is, cached by the digest of its files). Empty means python.org."
  },
  sourceSha256: {
    input: "source-sha256",
    flag: "sha256",
    kind: "text",
    default: "",
    placeholder: "HEX",
    description: "SHA-256 the source tarball must have (64 hex digits), checked before it is unpacked, for a download or a local tarball. Empty means pydebug's checksum list for downloads (a download it has no digest for is a warning) and no check for a local tarball."
  },
  extension: {
    input: "extension",
    kind: "list",
    default: "",
    placeholder: "DIR",
    description: "Folder of the C extension project (setup.py, or pyproject.toml with any PEP 517 backend). Several, one per line or comma-separated, build each (e.g. a test dependency with C code) and put all on PYTHONPATH; the first one's tests run. Empty builds the interpreter only."
  },
  tests: {
    input: "tests",
    kind: "text",
    default: "",
    placeholder: "DIR",
    description: "Folder with the extension's unittest files (test_*.py). Empty means EXTENSION/tests."
  },
  testRunner: {
    input: "test-runner",
    kind: "text",
    default: "auto",
    placeholder: "RUNNER",
    allowed: TEST_RUNNER_VALUES,
    description: "What runs the tests under the refleak hunt: regrtest (unittest), pytest (with pydebug's refleak plugin), or auto: pytest when the project has pytest configuration or pytest-style test files, else regrtest."
  },
  testRequirements: {
    input: "test-requirements",
    kind: "list",
    default: "",
    placeholder: "PACKAGES",
    description: "Packages to pip install for the tests (e.g. pytest), separated by spaces or newlines; installed with the debug interpreter into a folder on the tests' PYTHONPATH. pip's PIP_INDEX_URL, PIP_FIND_LINKS and PIP_NO_INDEX are honoured."
  },
  testCommand: {
    input: "test-command",
    kind: "text",
    default: "",
    placeholder: "CMD",
    description: "Your own test command, run instead of the regrtest refleak hunt, e.g. 'python -m pytest tests -x'. Split into words without a shell (quotes and $NAME work as in sh; ;, |, &&, redirections are refused); python is the debug interpreter; pytest's and unittest's results are read. Empty runs regrtest."
  },
  testCommandTimeout: {
    input: "test-command-timeout",
    kind: "text",
    default: "3600",
    placeholder: "SEC",
    description: "Seconds the test command may run in all; then it gets SIGABRT (faulthandler prints where it hung), and SIGKILL 5 s later, and is reported as timed out."
  },
  buildCommand: {
    input: "build-command",
    kind: "text",
    default: "",
    placeholder: "CMD",
    description: "Builds each extension project instead of the default (setup.py build, or pip install for other PEP 517 backends). It runs in a copy of the project with python the debug interpreter and must install into $PYDEBUG_SITE, e.g. 'python -m pip install --no-build-isolation --no-deps --target $PYDEBUG_SITE .'."
  },
  buildEnv: {
    input: "build-env",
    kind: "list",
    default: "",
    placeholder: "NAME=VALUE",
    description: "Environment for the extension builds only, one NAME=value per line (e.g. CC=clang), recorded in the report. Unlike CC in the job's environment, it does not rebuild CPython."
  },
  cacheDir: {
    input: "cache-dir",
    kind: "text",
    default: "",
    placeholder: "DIR",
    description: "Local folder for interpreters, sources and extension builds. Empty means ~/.cache/pydebug."
  },
  out: { input: "out", kind: "text", default: "pydebug-out", placeholder: "DIR", description: "Folder for report.json, summary.md and logs/." },
  failOn: {
    input: "fail-on",
    kind: "text",
    default: "findings",
    placeholder: "WHAT",
    allowed: FAIL_ON_VALUES,
    description: "What fails the step. findings (leaks, crashes, failing tests), leaks, new (only findings the baseline does not have; without a baseline every finding is new), or never."
  },
  baseline: {
    input: "baseline",
    kind: "text",
    default: "",
    placeholder: "FILE",
    description: "report.json of an earlier run (e.g. the base branch's artifact) or of pydebug report merge: each finding is marked new, unchanged or fixed by its identity (kind, test, place), in summary.md and report.json. Empty compares with nothing."
  },
  gil: {
    input: "gil",
    kind: "text",
    default: "default",
    placeholder: "MODE",
    allowed: GIL_MODES,
    description: "Free-threaded variants only. default lets an extension that does not declare Py_mod_gil re-enable the GIL (reported as a finding naming the module); force-off runs the tests with PYTHON_GIL=0, keeping the GIL disabled at your own risk."
  },
  refleakRuns: { input: "refleak-runs", kind: "text", default: "3:3", placeholder: "W:R", description: "regrtest -R warm-ups and counted runs, WARMUPS:RUNS." },
  jobs: {
    input: "jobs",
    kind: "text",
    default: "",
    placeholder: "N",
    description: "Parallel jobs for make and for the workers of CPython's test suite (regrtest -jN). Empty means the number of CPUs."
  },
  testTimeout: { input: "test-timeout", kind: "text", default: "1200", placeholder: "SEC", description: "regrtest --timeout per test file, in seconds." },
  maxCaseRuns: {
    input: "max-case-runs",
    kind: "text",
    default: "25",
    placeholder: "N",
    description: "How many cases of each leaking test file are re-run alone to name the leaking test."
  },
  maxCaseRunsTotal: {
    input: "max-case-runs-total",
    kind: "text",
    default: "100",
    placeholder: "N",
    description: "How many cases are re-run alone across all leaking test files."
  },
  rebuildExtensions: {
    input: "rebuild-extensions",
    kind: "boolean",
    default: "false",
    description: "Rebuild the extension even when an identical build is cached."
  },
  keepBuildTree: { input: "keep-build-tree", kind: "boolean", default: "false", description: "Keep the CPython build folder after installing." },
  // Wall-clock limits of CPython's build phases (plan/build-phases.ts). Measured on 2 cores, a cold
  // 3.11 pydebug build takes about 95 s to configure, 120 s for make -j2 and 40 s to install;
  // sanitizer builds about twice that, make -j1 twice again, and on a machine busy with other builds
  // everything took 2.35 times as long (599 s for the whole build). The defaults are those worst
  // cases, doubled and rounded up: 15 and 40 minutes. Install is the exception: a 3.13 tsan build's
  // instrumented interpreter byte-compiles the standard library three times during `make install`,
  // which took 33 minutes on this busy 2-core machine; 60 minutes leaves it room.
  configureTimeout: phaseTimeoutOption("configure", "15"),
  makeTimeout: phaseTimeoutOption("make", "40"),
  installTimeout: phaseTimeoutOption("install", "60"),
  // The longest log a real run wrote was CPython's whole test suite under -v, about 2 MB; a test
  // printing in a loop writes 1 GB in seconds. 256 MB keeps every real log whole and the disk safe.
  logLimit: {
    input: LOG_LIMIT_INPUT,
    kind: "text",
    default: "256",
    placeholder: "MB",
    description: "Megabytes each log file may hold (a build phase, a test run). Past it the process runs on: the log keeps the first part of its output and the last (up to 4 MB), with a line saying how much was dropped between, and report.json and the summary name the log. 0 means no limit."
  },
  cpythonTests: {
    input: "cpython-tests",
    kind: "text",
    default: "",
    placeholder: "WHAT",
    description: "CPython's own test suite on the debug interpreter: none, quick (make quicktest), full (make test), or regrtest arguments as for make test TESTOPTS (test names, -x NAMES to exclude, -u RESOURCES), e.g. 'test_int test_bool'. Runs without -E so the variant's runtime settings apply, with -jN workers (jobs), a per-test timeout (test-timeout) and JUnit XML in out/. Empty means none with an extension, quick without."
  },
  cpythonTestsShard: {
    input: "cpython-tests-shard",
    kind: "text",
    default: "",
    placeholder: "I/N",
    description: "Run only share INDEX/COUNT of the suite's test files, e.g. 2/4 (the matrix sets it with cpython-tests-shards). Empty runs them all."
  },
  cpythonTestsDurations: {
    input: "cpython-tests-durations",
    kind: "text",
    default: "",
    placeholder: "FILE",
    description: "report.json of an earlier run; its per-test-file durations balance the shards. Empty splits by name."
  },
  uploadArtifact: { input: "upload-artifact", flag: null, kind: "boolean", default: "true", description: "Upload the report folder as an artifact." },
  artifactName: {
    input: "artifact-name",
    flag: null,
    kind: "text",
    default: "",
    description: "Artifact name. Empty means pydebug-<cell id>-<runner os>-<arch>, e.g. pydebug-cp311-pydebug-linux-x64; from the second attempt of a re-run on, -attempt<N> is added."
  }
};
var RUN_OPTION_ENTRIES = Object.entries(RUN_OPTIONS);
function cliFlagOf(spec) {
  return spec.flag === null ? void 0 : spec.flag ?? spec.input;
}
function booleanDefaultOf(spec) {
  return spec.default === "true";
}
var CLI_RUN_OPTION_ENTRIES = RUN_OPTION_ENTRIES.flatMap(([key, spec]) => {
  const flag = cliFlagOf(spec);
  return flag === void 0 ? [] : [{ key, flag, spec }];
});
var CLI_OPTION_NAMES = Object.fromEntries(CLI_RUN_OPTION_ENTRIES.map(({ key, flag }) => [key, flagName(flag)]));
var ACTION_INPUT_NAMES = Object.fromEntries(RUN_OPTION_ENTRIES.map(([key, spec]) => [key, inputName(spec.input)]));

// src/config/run-config.ts
function defaultCacheDir(environment) {
  const xdg = environment.env.XDG_CACHE_HOME;
  return path28.join(xdg && path28.isAbsolute(xdg) ? xdg : path28.join(environment.homeDir, ".cache"), "pydebug");
}
function validateRunOptions(input, names, environment, { requireExtension, customVariants = [] }) {
  const given = (value) => value === void 0 || value.trim() === "" ? void 0 : value.trim();
  const resolve = (value) => path28.resolve(environment.cwd, value.startsWith("~/") ? path28.join(environment.homeDir, value.slice(2)) : value);
  const pythonText = given(input.python);
  if (pythonText === void 0) throw new ConfigError(`${names.python} is required: a CPython release version X.Y.Z, e.g. 3.11.2.`);
  const python = parsePythonVersion(pythonText);
  if (!python) {
    throw new ConfigError(
      `${names.python} '${pythonText}' is not a CPython release version: expected X.Y.Z (e.g. 3.11.2), optionally with a pre-release suffix (e.g. 3.14.0rc1).`
    );
  }
  const variantName = given(input.variant) ?? RUN_OPTIONS.variant.default;
  const variant = customVariants.find((spec) => spec.name === variantName) ?? VARIANTS.find((spec) => spec.name === variantName);
  if (!variant) {
    const allowed = [...customVariants, ...VARIANTS].map((spec) => spec.name);
    const suggestion = closestMatch(variantName, allowed);
    throw new ConfigError(
      `${names.variant} '${variantName}' is not a known variant. Allowed: ${allowed.join(", ")}.${suggestion ? ` Perhaps you meant '${suggestion}'?` : ""}`
    );
  }
  let source = sourceOf(given(input.source), python, resolve, names.source);
  if (source.kind === "file") {
    const kind = environment.pathKind(source.path);
    if (kind === void 0) {
      throw new ConfigError(
        `${names.source} '${input.source}': no such file or folder (${source.path}). Give a CPython source tarball or folder, an http(s) URL, or a URL template with {version}.`
      );
    }
    if (kind === "directory") source = { kind: "tree", path: source.path };
  }
  const sha256Text = given(input.sourceSha256);
  const sourceSha256 = sha256Text === void 0 ? void 0 : parseSha256(sha256Text);
  if (sha256Text !== void 0 && source.kind === "tree") {
    throw new ConfigError(
      `${names.sourceSha256} is for a tarball, and ${names.source} '${input.source}' is a folder: leave ${names.sourceSha256} empty (a folder is identified by the digest of its files).`
    );
  }
  if (sha256Text !== void 0 && sourceSha256 === void 0) {
    throw new ConfigError(
      `${names.sourceSha256} '${sha256Text}' is not allowed: expected a SHA-256 as 64 hexadecimal digits (what sha256sum prints for the tarball), optionally after 'sha256:'.`
    );
  }
  const testCommand = parseCommandInput(given(input.testCommand), names.testCommand);
  const buildCommand2 = parseCommandInput(given(input.buildCommand), names.buildCommand);
  const extensionTexts = extensionList(input.extension);
  const extensions = extensionTexts.map((text3) => {
    const folder = resolve(text3);
    if (environment.pathKind(folder) !== "directory") {
      throw new ConfigError(
        `${names.extension} '${text3}': no such directory (${folder}). Give the folder of a C extension project (with setup.py or pyproject.toml).`
      );
    }
    return folder;
  });
  const duplicate = extensions.find((folder, index) => extensions.indexOf(folder) !== index);
  if (duplicate) throw new ConfigError(`${names.extension} names ${duplicate} twice; give each project once.`);
  const extensionText = extensionTexts[0];
  const extension = extensions[0];
  let testsDir;
  if (extension !== void 0) {
    const testsText = given(input.tests);
    testsDir = testsText === void 0 ? path28.join(extension, "tests") : resolve(testsText);
    if ((testCommand === void 0 || testsText !== void 0) && environment.pathKind(testsDir) !== "directory") {
      throw new ConfigError(
        `${testsText === void 0 ? `${names.extension} '${extensionText}' has no tests/ folder` : `${names.tests} '${testsText}': no such directory`} (${testsDir}). Give the folder holding the unittest files (test_*.py) with ${names.tests}, or run your own test command with ${names.testCommand}.`
      );
    }
  } else if (requireExtension && (given(input.cpythonTests) ?? "none") === "none") {
    throw new ConfigError(
      `${names.extension} is required: the folder of a C extension project to build and test (e.g. examples/leaky), unless ${names.cpythonTests} runs CPython's own test suite (e.g. quick).`
    );
  }
  const buildEnv = parseBuildEnv(input.buildEnv, names.buildEnv);
  const testRunner = given(input.testRunner) ?? RUN_OPTIONS.testRunner.default;
  if (!TEST_RUNNER_VALUES.includes(testRunner)) {
    throw new ConfigError(
      `${names.testRunner} '${testRunner}' is not allowed. Allowed: ${TEST_RUNNER_VALUES.join(", ")} (auto: pytest when the project has pytest configuration or pytest-style test files, else regrtest).`
    );
  }
  const testRequirements = parseTestRequirements(joinedList(input.testRequirements), names.testRequirements);
  const cpythonTests = cpythonTestsOf(given(input.cpythonTests), extension !== void 0, names);
  const shardText = given(input.cpythonTestsShard);
  const cpythonTestsShard = shardText === void 0 ? void 0 : parseShardSpec(shardText);
  if (shardText !== void 0 && !cpythonTestsShard)
    throw new ConfigError(
      `${names.cpythonTestsShard} '${shardText}' is not allowed: expected INDEX/COUNT, e.g. 2/4 for the second of four shards (1 \u2264 INDEX \u2264 COUNT).`
    );
  if (cpythonTestsShard && cpythonTests.kind === "none")
    throw new ConfigError(
      `${names.cpythonTestsShard} '${shardText}' needs ${names.cpythonTests} (quick, full or regrtest arguments): there is no CPython test suite to shard.`
    );
  const durationsText = given(input.cpythonTestsDurations);
  const cpythonTestsDurations = durationsText === void 0 ? void 0 : resolve(durationsText);
  if (cpythonTestsDurations !== void 0 && environment.pathKind(cpythonTestsDurations) !== "file") {
    throw new ConfigError(
      `${names.cpythonTestsDurations} '${durationsText}': no such file (${cpythonTestsDurations}). Give the report.json of an earlier run that ran CPython's tests.`
    );
  }
  const gilText = given(input.gil) ?? RUN_OPTIONS.gil.default;
  if (!GIL_MODES.includes(gilText)) throw new ConfigError(`${names.gil} '${gilText}' is not allowed. Allowed: ${GIL_MODES.join(", ")}.`);
  if (gilText === "force-off" && !variant.configureArgs.includes("--disable-gil")) {
    throw new ConfigError(
      `${names.gil} 'force-off' needs a free-threaded variant (configure --disable-gil, e.g. free-threading); '${variant.name}' has the GIL.`
    );
  }
  const failOnText = given(input.failOn) ?? RUN_OPTIONS.failOn.default;
  if (!FAIL_ON_VALUES.includes(failOnText)) {
    throw new ConfigError(`${names.failOn} '${failOnText}' is not allowed. Allowed: ${FAIL_ON_VALUES.join(", ")}.`);
  }
  const baselineText = given(input.baseline);
  const baseline = baselineText === void 0 ? void 0 : resolve(baselineText);
  if (baseline !== void 0 && environment.pathKind(baseline) !== "file") {
    throw new ConfigError(
      `${names.baseline} '${baselineText}': no such file (${baseline}). Give the report.json of an earlier pydebug run (a cell's artifact) or the report.json pydebug report merge wrote.`
    );
  }
  const refleakText = given(input.refleakRuns) ?? RUN_OPTIONS.refleakRuns.default;
  const refleakMatch = /^(\d+):(\d+)$/.exec(refleakText);
  if (!refleakMatch || Number(refleakMatch[2]) < 1) {
    throw new ConfigError(`${names.refleakRuns} '${refleakText}' is not allowed: expected WARMUPS:RUNS as for regrtest -R, e.g. 3:3 (RUNS at least 1).`);
  }
  const logLimitBytes = logLimitBytesOf(positiveInteger(input.logLimit, names.logLimit, Number(RUN_OPTIONS.logLimit.default), { allowZero: true }));
  return {
    python,
    variant,
    source,
    ...sourceSha256 ? { sourceSha256 } : {},
    cacheDir: resolve(given(input.cacheDir) ?? defaultCacheDir(environment)),
    ...extension ? { extension, testsDir } : {},
    extraExtensions: extensions.slice(1),
    testRunner,
    testRequirements,
    ...testCommand ? { testCommand } : {},
    testCommandTimeoutSeconds: timeLimitSeconds(input.testCommandTimeout, names.testCommandTimeout, RUN_OPTIONS.testCommandTimeout.default, "seconds"),
    ...buildCommand2 ? { buildCommand: buildCommand2 } : {},
    buildEnv,
    outDir: resolve(given(input.out) ?? RUN_OPTIONS.out.default),
    failOn: failOnText,
    ...baseline ? { baseline } : {},
    gil: gilText,
    refleak: { warmups: Number(refleakMatch[1]), runs: Number(refleakMatch[2]) },
    jobs: positiveInteger(input.jobs, names.jobs, environment.cpuCount),
    testTimeoutSeconds: timeLimitSeconds(input.testTimeout, names.testTimeout, RUN_OPTIONS.testTimeout.default, "seconds"),
    maxCaseRuns: positiveInteger(input.maxCaseRuns, names.maxCaseRuns, Number(RUN_OPTIONS.maxCaseRuns.default), { allowZero: true }),
    maxCaseRunsTotal: positiveInteger(input.maxCaseRunsTotal, names.maxCaseRunsTotal, Number(RUN_OPTIONS.maxCaseRunsTotal.default), { allowZero: true }),
    rebuildExtensions: input.rebuildExtensions ?? booleanDefaultOf(RUN_OPTIONS.rebuildExtensions),
    keepBuildTree: input.keepBuildTree ?? booleanDefaultOf(RUN_OPTIONS.keepBuildTree),
    buildTimeouts: {
      configure: timeLimitSeconds(input.configureTimeout, names.configureTimeout, RUN_OPTIONS.configureTimeout.default, "minutes"),
      make: timeLimitSeconds(input.makeTimeout, names.makeTimeout, RUN_OPTIONS.makeTimeout.default, "minutes"),
      install: timeLimitSeconds(input.installTimeout, names.installTimeout, RUN_OPTIONS.installTimeout.default, "minutes")
    },
    ...logLimitBytes ? { logLimitBytes } : {},
    cpythonTests,
    ...cpythonTestsShard ? { cpythonTestsShard } : {},
    ...cpythonTestsDurations ? { cpythonTestsDurations } : {}
  };
}
function cpythonTestsOf(text3, hasExtension, names) {
  if (text3 === void 0) return defaultCpythonTestsSelection(hasExtension);
  const parsed = parseCpythonTestsSelection(text3);
  if (!parsed.ok)
    throw new ConfigError(
      `${names.cpythonTests} '${text3}' is not allowed: ${parsed.problem}. Allowed: ${CPYTHON_TESTS_MODES.join(", ")}, or regrtest arguments such as 'test_int test_bool' or '-x test_io -u network'.`
    );
  return parsed.selection;
}
function parseTestRequirements(text3, name) {
  const specifiers = (text3 ?? "").split(/\s+/).filter((word) => word !== "");
  const option = specifiers.find((word) => word.startsWith("-"));
  if (option) {
    throw new ConfigError(
      `${name} '${text3.trim()}' is not allowed: '${option}' is a pip option. Give package specifiers separated by spaces or newlines (e.g. 'pytest hypothesis>=6'); set pip's own variables (PIP_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX) in the environment for another index.`
    );
  }
  return specifiers;
}
function joinedList(given) {
  return given === void 0 || typeof given === "string" ? given : given.join("\n");
}
function extensionList(given) {
  const entries = given === void 0 ? [] : typeof given === "string" ? [given] : given;
  return entries.flatMap((entry) => entry.split(/[\n,]/)).map((entry) => entry.trim()).filter((entry) => entry !== "");
}
function parseCommandInput(text3, name) {
  if (text3 === void 0) return void 0;
  const split = splitCommandLine(text3);
  if (!split.ok) {
    throw new ConfigError(
      `${name} '${text3}' is not allowed: ${split.problem}. pydebug runs the command without a shell (one program and its arguments; quotes, backslashes and $NAME work as in sh). Put anything more (several commands, pipes, redirections) in a script and give that, e.g. 'bash scripts/test.sh'.`
    );
  }
  return split.command;
}
function positiveInteger(text3, name, fallback, { allowZero = false } = {}) {
  if (text3 === void 0 || text3.trim() === "") return fallback;
  const value = Number(text3.trim());
  if (!Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new ConfigError(`${name} '${text3}' is not allowed: expected a whole number ${allowZero ? "0" : "1"} or more.`);
  }
  return value;
}
var TIMER_LIMIT_SECONDS = Math.floor((2 ** 31 - 1) / 1e3);
function timeLimitSeconds(text3, name, fallback, unit) {
  const perUnit = unit === "minutes" ? 60 : 1;
  const value = positiveInteger(text3, name, Number(fallback));
  const most = Math.floor(TIMER_LIMIT_SECONDS / perUnit);
  if (value > most)
    throw new ConfigError(`${name} '${text3}' is not allowed: at most ${most} ${unit} (about 24 days, the longest time limit a Node timer holds).`);
  return value * perUnit;
}

// src/cli/run-options.ts
var RUN_FLAGS = Object.fromEntries(
  CLI_RUN_OPTION_ENTRIES.map(({ flag, spec }) => [
    flag,
    spec.kind === "boolean" ? { type: "boolean" } : { type: "string", multiple: spec.kind === "list" }
  ])
);
function parseRunConfig(args, io, { requireExtension }) {
  const { values } = parseCommandArgs(args, RUN_FLAGS);
  const input = Object.fromEntries(CLI_RUN_OPTION_ENTRIES.map(({ key, flag }) => [key, values[flag]]));
  return validateRunOptions(input, CLI_OPTION_NAMES, runEnvironment(io.cwd, io.env), {
    requireExtension,
    customVariants: loadCustomVariants(input.config, commandLineSource(io.cwd))
  });
}
var USAGE_WIDTH = 100;
var FLAG_COLUMN = 25;
function flagSynopsis(key) {
  const entry = CLI_RUN_OPTION_ENTRIES.find((candidate) => candidate.key === key);
  return entry.spec.kind === "boolean" ? `--[no-]${entry.flag}` : `--${entry.flag} ${entry.spec.placeholder}`;
}
function runOptionsHelp() {
  return CLI_RUN_OPTION_ENTRIES.map(({ key, spec }) => {
    const notes = [
      "default" in spec ? spec.kind === "boolean" || spec.default === "" ? "" : `Default: ${spec.default}.` : "Required.",
      spec.kind === "list" ? "Repeatable." : ""
    ];
    const text3 = [spec.description, ...notes].filter(Boolean).join(" ");
    const head = `  ${flagSynopsis(key)}`;
    const lines = wrapWords(text3, USAGE_WIDTH - FLAG_COLUMN);
    const first = head.length < FLAG_COLUMN ? `${head.padEnd(FLAG_COLUMN)}${lines[0]}` : `${head}
${" ".repeat(FLAG_COLUMN)}${lines[0]}`;
    return [first, ...lines.slice(1).map((line) => `${" ".repeat(FLAG_COLUMN)}${line}`)].join("\n");
  }).join("\n");
}
function wrapWords(text3, width) {
  const lines = [];
  let line = "";
  for (const word of text3.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

// src/cli/build-command.ts
var BUILD_FLAGS = [
  "variant",
  "config",
  "source",
  "sourceSha256",
  "cacheDir",
  "out",
  "jobs",
  "keepBuildTree",
  "configureTimeout",
  "makeTimeout",
  "installTimeout",
  "logLimit"
];
var buildCommand = {
  summary: "build (or restore) debug CPython interpreters only; prints the interpreter path on the last line",
  usage: `Usage: pydebug build ${flagSynopsis("python")} ${BUILD_FLAGS.map((key) => `[${flagSynopsis(key)}]`).join(" ")}

Builds CPython X.Y.Z in the variant out of tree and installs it into the cache folder, or
restores it from there. Logs go to OUT/logs (default pydebug-out/logs). The last line of
standard output is the interpreter's path, for scripts: PY=$(pydebug build ... | tail -n1).
Several variants, comma-separated (--variant pydebug,trace-refs,valgrind), build side by side,
as many at once as the machine has CPUs: they share the unpacked source and take turns at
configure, so a later one reuses the results of an earlier one. Each logs to OUT/<variant>/logs,
its lines prefixed with [variant]; standard output ends with one "<variant> <path>" line each.
It takes every option of 'pydebug run' (see 'pydebug run --help').`,
  async run(args, io) {
    const variants = requestedVariants(args);
    if (variants.length > 1) return buildSeveral(args, variants, io);
    const config = parseRunConfig(args, io, { requireExtension: false });
    const cell = planCellOrThrow(config);
    const cancel = io.cancelOnSignals?.();
    const context = await createStepContext(config, { env: io.env, workspace: io.cwd, log: createStreamLogger(io.stderr), ...cancel ? { cancel } : {} });
    await mkdir4(path29.join(context.outDir, "logs"), { recursive: true });
    const interpreter = await ensureInterpreter(context, cell, config.source, config);
    io.stdout(`${describeBuild(interpreter)}
${interpreter.pythonPath}
`);
    return 0;
  }
};
function describeBuild(interpreter) {
  return `cache: ${interpreter.cacheHit === "none" ? "miss (built)" : `hit (${interpreter.cacheHit})`}`;
}
function requestedVariants(args) {
  const { values } = parseCommandArgs(args, RUN_FLAGS);
  const given = values.variant;
  if (typeof given !== "string") return [];
  return [...new Set(given.split(",").map((name) => name.trim()))];
}
function withVariant(args, variant) {
  const kept = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === "--variant") index++;
    else if (!args[index].startsWith("--variant=")) kept.push(args[index]);
  }
  return [...kept, `--variant=${variant}`];
}
async function buildSeveral(args, variants, io) {
  const configs = variants.map((variant) => parseRunConfig(withVariant(args, variant), io, { requireExtension: false }));
  const cells = configs.map(planCellOrThrow);
  const atOnce = Math.min(configs.length, runEnvironment(io.cwd, io.env).cpuCount);
  const cancel = io.cancelOnSignals?.();
  io.stderr(`building ${cells.map((cell) => cell.variant).join(", ")} (CPython ${cells[0].python.text}), ${atOnce} at once
`);
  const outcomes = await mapWithConcurrency(configs, atOnce, async (config, index) => {
    const cell = cells[index];
    const prefix = `[${cell.variant}] `;
    const log = createStreamLogger((text3) => io.stderr(text3.replace(/^(?=.)/gm, prefix)));
    try {
      const context = await createStepContext(
        { ...config, outDir: path29.join(config.outDir, cell.variant) },
        { env: io.env, workspace: io.cwd, log, ...cancel ? { cancel } : {} }
      );
      await mkdir4(path29.join(context.outDir, "logs"), { recursive: true });
      return { cell, interpreter: await ensureInterpreter(context, cell, config.source, config) };
    } catch (error) {
      const exitCode = error instanceof PydebugError ? error.exitCode : INTERNAL_ERROR_EXIT_CODE;
      log.info(`failed (exit code ${exitCode}): ${error instanceof Error ? error.message : String(error)}`);
      return { cell, exitCode };
    }
  });
  for (const outcome of outcomes) if ("interpreter" in outcome) io.stdout(`${outcome.cell.variant} ${describeBuild(outcome.interpreter)}
`);
  for (const outcome of outcomes) if ("interpreter" in outcome) io.stdout(`${outcome.cell.variant} ${outcome.interpreter.pythonPath}
`);
  const failed = outcomes.filter((outcome) => "exitCode" in outcome);
  if (failed.length) io.stderr(`pydebug build: ${failed.map((outcome) => outcome.cell.variant).join(", ")} did not build (see above)
`);
  return failed.length && "exitCode" in failed[0] ? failed[0].exitCode : 0;
}

// src/plan/render-matrix.ts
var import_yaml2 = __toESM(require_dist(), 1);
var MATRIX_FORMATS = ["yaml", "json", "github"];
function renderMatrixJson(cells) {
  return JSON.stringify(matrixInclude(cells));
}
function renderMatrixYaml(plan, cells = plan.cells) {
  const comments = plan.refusals.map(
    (refusal) => `# refused ${refusal.id} (${refusal.os}): ${refusal.reason} [${refusal.source}]${refusal.alternative ? ` Instead: ${refusal.alternative}.` : ""}`
  );
  const body = (0, import_yaml2.stringify)({ strategy: { "fail-fast": false, matrix: matrixInclude(cells) } }, { lineWidth: 0 });
  return `${comments.length ? `${comments.join("\n")}
` : ""}${body}`;
}
function renderGithubOutput(plan, shardIndex = 0) {
  const cells = plan.shards[shardIndex] ?? [];
  return `${[`matrix=${renderMatrixJson(cells)}`, `count=${cells.length}`, `shards=${plan.shards.length}`, `refused=${plan.refusals.length}`].join("\n")}
`;
}
function renderMatrix(plan, format, shardIndex = 0) {
  const cells = plan.shards[shardIndex] ?? [];
  switch (format) {
    case "json":
      return `${JSON.stringify(matrixInclude(cells), null, 2)}
`;
    case "yaml":
      return renderMatrixYaml(plan, cells);
    case "github":
      return renderGithubOutput(plan, shardIndex);
  }
}

// src/cli/matrix-command.ts
var MATRIX_OPTIONS = {
  config: { type: "string" },
  format: { type: "string" },
  python: { type: "string", multiple: true },
  variants: { type: "string", multiple: true },
  os: { type: "string", multiple: true },
  skip: { type: "string", multiple: true },
  source: { type: "string" },
  "max-jobs": { type: "string" },
  shard: { type: "string" },
  strict: { type: "boolean" },
  split: { type: "boolean" },
  "cpython-tests-shards": { type: "string" }
};
var USAGE = `Usage: pydebug matrix [--config FILE] [--format yaml|json|github] [options]

Plans the CI matrix: one job per runner, CPython version and variant, with its identifier,
configure arguments, runtime environment, ABI group and cache key. Reads ${DEFAULT_MATRIX_CONFIG_PATH}
when it exists (a --config FILE must exist); flags override its keys.

Options:
  --config FILE         matrix config (keys: python, variants, os, skip, custom-variants, strict, source, max-jobs, split, cpython-tests-shards)
  --format FORMAT       yaml (a strategy: block, default), json ({"include": [...]}), github (lines for $GITHUB_OUTPUT)
  --python V[,V...]     CPython versions, X.Y or X.Y.Z
  --variants N[,N...]   variants (see 'pydebug variants')
  --os LABEL[,...]      GitHub runner labels (default ubuntu-24.04)
  --skip GLOB[ ...]     cell identifiers to leave out, e.g. 'cp39-asan' or 'cp3{6,7}-*'
  --source URL          CPython source URL template for the cache keys (default python.org)
  --[no-]strict         refused or substituted cells are errors (--no-strict: notices, whatever the config says)
  --max-jobs N          jobs per matrix (default and maximum 256)
  --[no-]split          over max-jobs, split into shards instead of failing
  --cpython-tests-shards N  N jobs per cell, each running its share of CPython's own test suite
                        (ids and artifacts end in -cpy1ofN; rows carry cpython-tests-shard)
  --shard N             print shard N (default 1)`;
var matrixCommand = {
  summary: "Print the CI matrix for .github/pydebug.yml as YAML, JSON or $GITHUB_OUTPUT lines",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(args, MATRIX_OPTIONS);
    const format = values.format ?? "yaml";
    if (!MATRIX_FORMATS.includes(format)) throw new ConfigError(`--format '${values.format}' is not a matrix format. Allowed: ${MATRIX_FORMATS.join(", ")}.`);
    const { input, warnings: parseWarnings } = loadMatrixInput(values.config, values, commandLineSource(io.cwd));
    const { plan, warnings } = planMatrixFromInput(input, parseWarnings);
    const shard = shardIndexOf(values.shard, plan, "--shard");
    for (const warning of warnings) io.stderr(`pydebug matrix: warning: ${warning}
`);
    if (format !== "yaml") {
      for (const refusal of plan.refusals)
        io.stderr(
          `pydebug matrix: refused ${refusal.id} (${refusal.os}): ${refusal.reason} [${refusal.source}]${refusal.alternative ? ` Instead: ${refusal.alternative}.` : ""}
`
        );
    }
    if (plan.shards.length > 1) io.stderr(`pydebug matrix: ${plan.cells.length} jobs in ${plan.shards.length} shards; this is shard ${shard + 1}.
`);
    io.stdout(renderMatrix(plan, format, shard));
    return 0;
  }
};

// src/cli/report-command.ts
import { mkdir as mkdir5, readdir as readdir3, readFile as readFile5, stat as stat2, writeFile as writeFile2 } from "node:fs/promises";
import path30 from "node:path";

// src/adapters/zip.ts
import { open as open5 } from "node:fs/promises";
import { crc32, inflateRaw } from "node:zlib";
import { promisify as promisify2 } from "node:util";
var inflateRawAsync = promisify2(inflateRaw);
var END_OF_CENTRAL_DIRECTORY = 101010256;
var ZIP64_END_LOCATOR = 117853008;
var ZIP64_END_OF_CENTRAL_DIRECTORY = 101075792;
var CENTRAL_FILE_HEADER = 33639248;
var LOCAL_FILE_HEADER = 67324752;
var ZIP64_EXTRA_FIELD = 1;
var STORED = 0;
var DEFLATED = 8;
var MAX_COMMENT_BYTES = 65535;
var MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;
async function listZipEntries(file) {
  const handle = await open5(file, "r");
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + MAX_COMMENT_BYTES);
    const tail = await readAt(handle, size - tailLength, tailLength);
    let end = -1;
    for (let at2 = tail.length - 22; at2 >= 0; at2--) {
      if (tail.readUInt32LE(at2) === END_OF_CENTRAL_DIRECTORY) {
        end = at2;
        break;
      }
    }
    if (end < 0) throw new Error("it is not a zip archive (no end of central directory record)");
    let count2 = tail.readUInt16LE(end + 10);
    let directorySize = tail.readUInt32LE(end + 12);
    let directoryOffset = tail.readUInt32LE(end + 16);
    if (count2 === 65535 || directorySize === 4294967295 || directoryOffset === 4294967295) {
      const locatorAt = end - 20;
      if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_END_LOCATOR) throw new Error("its zip64 end of central directory locator is missing");
      const zip64 = await readAt(handle, Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
      if (zip64.readUInt32LE(0) !== ZIP64_END_OF_CENTRAL_DIRECTORY) throw new Error("its zip64 end of central directory record is missing");
      count2 = Number(zip64.readBigUInt64LE(32));
      directorySize = Number(zip64.readBigUInt64LE(40));
      directoryOffset = Number(zip64.readBigUInt64LE(48));
    }
    if (directorySize > MAX_CENTRAL_DIRECTORY_BYTES || directoryOffset + directorySize > size)
      throw new Error(`its central directory (${directorySize} bytes at ${directoryOffset}) does not fit the file (${size} bytes)`);
    const directory = await readAt(handle, directoryOffset, directorySize);
    const entries = [];
    let at = 0;
    for (let index = 0; index < count2; index++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_FILE_HEADER)
        throw new Error(`its central directory ends early, at entry ${index + 1} of ${count2}`);
      const flags = directory.readUInt16LE(at + 8);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      let size32 = directory.readUInt32LE(at + 24);
      let compressed32 = directory.readUInt32LE(at + 20);
      let offset32 = directory.readUInt32LE(at + 42);
      const name = directory.toString("utf8", at + 46, at + 46 + nameLength);
      const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      for (let field = 0; field + 4 <= extra.length; field += 4 + extra.readUInt16LE(field + 2)) {
        if (extra.readUInt16LE(field) !== ZIP64_EXTRA_FIELD) continue;
        let value = field + 4;
        const next = () => {
          const read = extra.readBigUInt64LE(value);
          value += 8;
          return read;
        };
        if (size32 === 4294967295) size32 = next();
        if (compressed32 === 4294967295) compressed32 = next();
        if (offset32 === 4294967295) offset32 = next();
      }
      entries.push({
        name,
        method: directory.readUInt16LE(at + 10),
        compressedSize: Number(compressed32),
        size: Number(size32),
        crc32: directory.readUInt32LE(at + 16),
        localHeaderOffset: Number(offset32),
        encrypted: (flags & 1) === 1
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}
async function readZipEntry(file, entry, maxBytes) {
  if (entry.encrypted) throw new Error(`${entry.name} is encrypted`);
  if (entry.method !== STORED && entry.method !== DEFLATED)
    throw new Error(`${entry.name} uses compression method ${entry.method} (only stored and deflated are read)`);
  if (entry.size > maxBytes || entry.compressedSize > maxBytes) throw new Error(`${entry.name} is ${entry.size} bytes, more than the ${maxBytes} read`);
  const handle = await open5(file, "r");
  let data;
  try {
    const header = await readAt(handle, entry.localHeaderOffset, 30);
    if (header.readUInt32LE(0) !== LOCAL_FILE_HEADER) throw new Error(`${entry.name}: no local file header at ${entry.localHeaderOffset}`);
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    data = await readAt(handle, start, entry.compressedSize);
  } finally {
    await handle.close();
  }
  const content = entry.method === STORED ? data : await inflateRawAsync(data, { maxOutputLength: Math.max(1, maxBytes) });
  if (content.length !== entry.size || crc32(content) !== entry.crc32) throw new Error(`${entry.name} is damaged (its size or CRC-32 differs from the listing)`);
  return content;
}
async function readAt(handle, position, length) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new Error(`it ends early (wanted ${length} bytes at ${position}, got ${bytesRead})`);
  return buffer;
}

// src/report/parsed-logs.ts
var SEVERITY_ORDER2 = { error: 0, warning: 1, note: 2 };
function buildReport(logs, now) {
  const problems = logs.flatMap(({ path: log, parsed }) => parsed.problems.map((problem) => ({ ...problem, log })));
  const findings = parsedLogFindings(logs, problems);
  const entries = logs.map(({ path: log, parsed }) => {
    const { lines, unparsed, ...details } = parsed;
    return { path: log, kind: parsed.kinds.length > 0 ? parsed.kinds.join("+") : "unknown", lines, unparsed, parsed: details };
  });
  return {
    schema: REPORT_SCHEMA_VERSION,
    tool: { name: "pydebug", version: TOOL_VERSION },
    generatedAt: now.toISOString(),
    status: findings.length ? "findings" : "clean",
    extensions: [],
    findings,
    logs: entries,
    problems: problems.sort((a, b) => SEVERITY_ORDER2[a.severity] - SEVERITY_ORDER2[b.severity])
  };
}
function parsedLogFindings(logs, problems) {
  const passes = /* @__PURE__ */ new Map();
  const verdicts = [];
  for (const { path: log, parsed } of logs) {
    const regrtest = parsed.results.regrtest;
    if (!regrtest) continue;
    const pass = regrtestPassOf(regrtest);
    if (pass) passes.set(log, pass);
    const tests = regrtest.tests.map(testFileEntryOf);
    verdicts.push(
      ...refleakFindings({ tests, log, ...regrtest.summary.workerFailure ? { workerFailure: regrtest.summary.workerFailure } : {} }, problems, pass)
    );
  }
  return collectFindings({ problems, passOfLog: (log) => passes.get(log), sectionFindings: verdicts });
}
function regrtestPassOf(regrtest) {
  return regrtest.repetitions !== void 0 || regrtest.tests.some((test) => test.leaks.length > 0) ? "refleak" : void 0;
}
function renderParsedMarkdown(report) {
  const lines = ["## pydebug: parsed logs", ""];
  const count2 = report.findings.length;
  lines.push(
    report.status === "clean" ? "**\u2705 no problems found in the logs**" : `**\u274C found problems in the logs** (${count2} finding${count2 === 1 ? "" : "s"}: ${countByKind(report.findings)})`,
    ""
  );
  lines.push("| Log | Detected | Lines | Unparsed |", "|---|---|---:|---:|");
  for (const log of report.logs) lines.push(`| \`${escapeCode(log.path)}\` | ${escapeMarkdown(log.kind)} | ${log.lines} | ${log.unparsed.count} |`);
  lines.push("");
  lines.push(...findingsMarkdown(report.findings));
  lines.push(...notesMarkdown(report.problems ?? [], "the report's `problems` (`--format json`)"));
  for (const log of report.logs) {
    const details = log.parsed?.results;
    if (!details) continue;
    const facts = [];
    if (details.regrtest) {
      const tests = details.regrtest.tests;
      facts.push(
        `regrtest: ${tests.length} test file${tests.length === 1 ? "" : "s"}${details.regrtest.summary.state ? `, result ${escapeMarkdown(details.regrtest.summary.state)}` : ""}`
      );
    }
    if (details.showrefcount?.final) facts.push(`showrefcount: ${details.showrefcount.final.refs} refs, ${details.showrefcount.final.blocks} blocks at exit`);
    const series = details["refcount-series"];
    if (series?.last)
      facts.push(
        `gettotalrefcount: ${series.samples.length + series.dropped} samples, total growth ${series.totalGrowth ?? 0}${series.steadyGrowth !== void 0 ? `, ${series.steadyGrowth} per step` : ""}`
      );
    const stats = details.mallocstats;
    if (stats?.last) facts.push(`malloc stats: ${stats.dumps.length + stats.droppedDumps} dump(s), last with ${stats.last.arenaCount ?? "?"} arenas`);
    const counts = details["count-allocs"];
    if (counts && counts.dumps.length > 0) facts.push(`COUNT_ALLOCS: ${counts.dumps.length} dump(s)`);
    if (facts.length > 0) lines.push(`- \`${escapeCode(log.path)}\`: ${facts.join("; ")}`);
  }
  lines.push("");
  return lines.join("\n");
}

// src/report/rollup.ts
var STATUS_RANK = ["error", "cancelled", "build-failed", "extension-failed", "nothing-tested", "findings", "clean"];
var SHARD_SUFFIX = /-cpy(\d+)of(\d+)(?=-|$)/;
function rollUpReports(reports) {
  const groups = /* @__PURE__ */ new Map();
  for (const entry of [...reports].sort((a, b) => a.folder.localeCompare(b.folder))) {
    const name = entry.folder.replace(SHARD_SUFFIX, "");
    groups.set(name, [...groups.get(name) ?? [], entry]);
  }
  return [...groups].map(([name, entries]) => {
    const first = entries.find(({ report }) => report.cell)?.report ?? entries[0].report;
    const shardOf = ({ folder, report }) => {
      if (report.cpythonTests?.shard) return report.cpythonTests.shard;
      const match = SHARD_SUFFIX.exec(folder);
      return match ? { index: Number(match[1]), count: Number(match[2]) } : void 0;
    };
    const shardCount = Math.max(0, ...entries.map((entry) => shardOf(entry)?.count ?? 0));
    const reported = [...new Set(entries.flatMap((entry) => shardOf(entry)?.index ?? []))].sort((a, b) => a - b);
    const missing = shardCount ? Array.from({ length: shardCount }, (_, index) => index + 1).filter((index) => !reported.includes(index)) : [];
    const findings = entries.flatMap(({ folder, report }) => report.findings.map((finding) => ({ ...finding, from: folder }))).sort((a, b) => findingRank(a.kind) - findingRank(b.kind));
    let status = entries.map(({ report }) => report.status).sort((a, b) => STATUS_RANK.indexOf(a) - STATUS_RANK.indexOf(b))[0];
    if (missing.length && status === "clean") status = "nothing-tested";
    const counted = entries.flatMap(({ report }) => report.cpythonTests ? [report.cpythonTests.counts] : []);
    return {
      name,
      ...first.cell ? { cellId: first.cell.id, python: first.cell.python, variant: first.cell.variant } : {},
      status,
      findings,
      ...shardCount ? { shards: { count: shardCount, reported, missing } } : {},
      ...counted.length ? { cpythonTests: sumCounts(counted) } : {},
      reports: entries.map(({ folder }) => folder)
    };
  });
}
function sumCounts(counts) {
  const total = { ...counts[0] };
  for (const more of counts.slice(1)) for (const key of Object.keys(total)) total[key] += more[key];
  return total;
}
function readPlannedMatrix(text3) {
  const value = parseJson(text3);
  if (!value.ok) return value;
  const rows = value.json?.include;
  if (!Array.isArray(rows)) return { ok: false, problem: 'it has no "include" list (expected the matrix JSON: {"include": [...]})' };
  const cells = [];
  for (const [index, row] of rows.entries()) {
    const { id, python, variant, artifact } = row ?? {};
    if (typeof id !== "string" || typeof python !== "string" || typeof variant !== "string" || typeof artifact !== "string")
      return { ok: false, problem: `include[${index}] lacks one of id, python, variant, artifact` };
    cells.push({ id, python, variant, artifact });
  }
  return { ok: true, cells };
}
var CELL_ID = /^cp(\d)(\d+)t?-(.+)$/;
function readRefusedCells(text3) {
  const value = parseJson(text3);
  if (!value.ok) return value;
  if (!Array.isArray(value.json))
    return { ok: false, problem: `it is not a list (expected the matrix action's "refused" output: [{"id": ..., "reason": ...}])` };
  const cells = [];
  for (const [index, entry] of value.json.entries()) {
    const { id, reason } = entry ?? {};
    const match = typeof id === "string" ? CELL_ID.exec(id) : null;
    if (!match || typeof reason !== "string") return { ok: false, problem: `[${index}] has no cell id like cp311-asan and reason` };
    cells.push({ id, python: `${match[1]}.${match[2]}`, variant: match[3], refused: reason });
  }
  return { ok: true, cells };
}
function parseJson(text3) {
  try {
    return { ok: true, json: JSON.parse(text3) };
  } catch (error) {
    return { ok: false, problem: `it is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}
var GRID_STATE_OF_FAMILY = { "memory-error": "memory-errors", leak: "leaks", failure: "failed", untested: "not-run" };
var GRID_STATES = ["memory-errors", "leaks", "failed", "not-run", "refused", "clean"];
var GRID_WORDS = {
  "memory-errors": "\u274C memory errors",
  leaks: "\u274C leaks",
  failed: "\u{1F4A5} failed",
  "not-run": "\u26AA not run",
  refused: "\u{1F6AB} refused",
  clean: "\u2705 clean"
};
var BROKEN_STATUSES = ["error", "cancelled", "build-failed", "extension-failed"];
var NO_REPORT = "planned, no report";
function mergeReports(input) {
  const rolledUp = rollUpReports(input.reports);
  const planned = input.planned ?? [];
  const plannedByName = new Map(planned.flatMap((cell) => cell.artifact ? [[cell.artifact.replace(SHARD_SUFFIX, ""), cell]] : []));
  const cells = rolledUp.map((cell) => {
    const plan = plannedByName.get(cell.name);
    return {
      name: cell.name,
      ...cell.cellId ?? plan?.id ? { id: cell.cellId ?? plan?.id } : {},
      ...cell.python ?? plan?.python ? { python: cell.python ?? plan?.python } : {},
      ...cell.variant ?? plan?.variant ? { variant: cell.variant ?? plan?.variant } : {},
      status: cell.status,
      states: gridStates(cell),
      findings: cell.findings.length,
      reports: cell.reports,
      ...cell.shards ? { shards: cell.shards } : {},
      ...cell.cpythonTests ? { cpythonTests: cell.cpythonTests } : {},
      ...cell.shards?.missing.length ? { note: `shard${cell.shards.missing.length === 1 ? "" : "s"} ${cell.shards.missing.join(", ")} of ${cell.shards.count} sent no report` } : {}
    };
  });
  const reportedNames = new Set(cells.map((cell) => cell.name));
  for (const [name, plan] of plannedByName) {
    if (reportedNames.has(name)) continue;
    cells.push({
      name,
      id: plan.id,
      python: plan.python,
      variant: plan.variant,
      states: ["not-run"],
      findings: 0,
      reports: [],
      note: NO_REPORT
    });
  }
  for (const refused of planned.filter((cell) => cell.refused !== void 0)) {
    if (cells.some((cell) => cell.id === refused.id && cell.states.includes("refused"))) continue;
    cells.push({
      name: refused.id,
      id: refused.id,
      python: refused.python,
      variant: refused.variant,
      states: ["refused"],
      findings: 0,
      reports: [],
      note: refused.refused
    });
  }
  const labels = cellLabels(cells);
  const union = /* @__PURE__ */ new Map();
  for (const cell of rolledUp) {
    for (const finding of cell.findings) {
      const identity = findingIdentity(finding);
      const seen = union.get(identity);
      if (!seen) union.set(identity, { finding, cells: [labels.get(cell.name)] });
      else if (!seen.cells.includes(labels.get(cell.name))) seen.cells.push(labels.get(cell.name));
    }
  }
  const findings = [...union].map(([identity, { finding, cells: seenIn }]) => {
    const { from, ...rest } = finding;
    return { ...rest, log: `${from}/${finding.log}`, identity, cells: seenIn };
  }).sort((a, b) => findingRank(a.kind) - findingRank(b.kind));
  const versions = [...new Set(cells.flatMap((cell) => cell.python ? [minorOf2(cell.python)] : []))].sort(compareVersions);
  const known = VARIANTS.map((variant) => variant.name);
  const present = new Set(cells.flatMap((cell) => cell.variant ?? []));
  const variants = [...known.filter((name) => present.has(name)), ...[...present].filter((name) => !known.includes(name)).sort()];
  return {
    schema: REPORT_SCHEMA_VERSION,
    kind: "rollup",
    tool: { name: "pydebug", version: input.toolVersion },
    generatedAt: input.generatedAt,
    title: input.title,
    grid: { versions, variants },
    cells,
    findings,
    ...input.baseline || input.compareWithNothing ? { baseline: compareWithBaseline(findings, input.baseline) } : {}
  };
}
function gridStates(cell) {
  const states = new Set(cell.findings.map((finding) => GRID_STATE_OF_FAMILY[FINDING_KINDS[finding.kind]?.family ?? "failure"]));
  if (BROKEN_STATUSES.includes(cell.status)) states.add("failed");
  if (cell.status === "nothing-tested" || cell.shards?.missing.length) states.add("not-run");
  return states.size ? GRID_STATES.filter((state) => states.has(state)) : ["clean"];
}
function needsAttention(cell) {
  return !cell.states.every((state) => state === "clean" || state === "refused");
}
function hasBrokenCells(merged) {
  return merged.cells.some(
    (cell) => cell.status !== void 0 && cell.status !== "clean" && cell.status !== "findings" || cell.reports.length === 0 && !cell.states.includes("refused")
  );
}
function cellLabels(cells) {
  const ids = cells.map((cell) => cell.id ?? cell.name);
  return new Map(cells.map((cell) => [cell.name, ids.filter((id) => id === (cell.id ?? cell.name)).length > 1 ? cell.name : cell.id ?? cell.name]));
}
function minorOf2(python) {
  return python.split(".").slice(0, 2).join(".");
}
function compareVersions(a, b) {
  const [aMajor, aMinor] = a.split(".").map(Number);
  const [bMajor, bMinor] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
var STATUS_WORDS = {
  clean: "\u2705 clean",
  findings: "\u274C findings",
  "nothing-tested": "\u26A0\uFE0F nothing tested",
  "build-failed": "\u{1F4A5} build failed",
  "extension-failed": "\u{1F4A5} extension failed",
  cancelled: "\u{1F6D1} cancelled",
  error: "\u{1F4A5} error"
};
var MAX_FINDINGS_SHOWN = 200;
function renderRollupMarkdown(merged) {
  const { cells } = merged;
  const labels = cellLabels(cells);
  const label = (cell) => labels.get(cell.name);
  const lines = [`# ${escapeMarkdown(merged.title)}: ${cells.length} cell${cells.length === 1 ? "" : "s"}`, ""];
  const attention = cells.filter(needsAttention).length;
  lines.push(attention ? `**${attention} of ${cells.length} cells need attention**` : "**\u2705 every cell is clean**", "");
  if (merged.baseline?.source !== void 0)
    lines.push(
      `Against the baseline: **${merged.baseline.new.length} new**, ${merged.baseline.unchanged.length} unchanged, ${merged.baseline.fixed.length} fixed.`,
      ""
    );
  const { versions, variants } = merged.grid;
  if (versions.length && variants.length) {
    lines.push(`| CPython | ${variants.map(escapeMarkdown).join(" | ")} |`, `|---|${variants.map(() => "---|").join("")}`);
    for (const version of versions) {
      const row = variants.map((variant) => {
        const here = cells.filter((cell) => cell.variant === variant && cell.python !== void 0 && minorOf2(cell.python) === version);
        const words = (cell) => cell.states.map((state) => GRID_WORDS[state]).join(" \xB7 ");
        return here.length > 1 ? here.map((cell) => `\`${escapeCode(label(cell))}\`: ${words(cell)}`).join("<br>") : here.length ? words(here[0]) : "";
      });
      lines.push(`| ${version} | ${row.join(" | ")} |`);
    }
    lines.push("");
  }
  lines.push("| Cell | CPython | Variant | Status | Findings | Reports |", "|---|---|---|---|---:|---|");
  for (const cell of cells) {
    const status = cell.status ? STATUS_WORDS[cell.status] : GRID_WORDS[cell.states[0]];
    const reports = cell.shards ? `${cell.shards.reported.length} of ${cell.shards.count} shards${cell.shards.missing.length ? ` (missing ${cell.shards.missing.join(", ")})` : ""}` : `${cell.reports.length}`;
    lines.push(
      `| \`${escapeCode(label(cell))}\` | ${escapeMarkdown(cell.python ?? "")} | ${escapeMarkdown(cell.variant ?? "")} | ${status}${cell.note && !cell.shards ? `: ${escapeMarkdown(cell.note)}` : ""} | ${cell.findings} | ${reports} |`
    );
  }
  lines.push("");
  const notRun = cells.filter((cell) => cell.note === NO_REPORT).length;
  if (notRun)
    lines.push(
      `${notRun} planned cell${notRun === 1 ? "" : "s"} sent no report: the job failed before writing one, was cancelled, or its artifact is missing. ${notRun === 1 ? "It vouches" : "They vouch"} for nothing.`,
      ""
    );
  for (const cell of cells) {
    if (cell.cpythonTests) {
      const counts = cell.cpythonTests;
      lines.push(
        `\`${escapeCode(label(cell))}\`, CPython's tests: ${counts.ok} OK, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.timedOut} timed out, ${counts.envChanged} changed the environment.`,
        ""
      );
    }
    if (cell.shards?.missing.length)
      lines.push(
        `\`${escapeCode(label(cell))}\`: shard${cell.shards.missing.length === 1 ? "" : "s"} ${cell.shards.missing.join(", ")} of ${cell.shards.count} sent no report (cancelled or failed before writing one): their tests were not checked.`,
        ""
      );
  }
  if (merged.findings.length) {
    lines.push("### Findings", "", "| Finding | Test | Where | Seen in |", "|---|---|---|---|");
    for (const finding of merged.findings.slice(0, MAX_FINDINGS_SHOWN)) {
      const where = finding.file ? `\`${escapeCode(`${finding.file}${finding.line ? `:${finding.line}` : ""}`)}\`` : finding.function ? `\`${escapeCode(finding.function)}\`` : "";
      const test = finding.case ?? finding.test;
      lines.push(
        `| ${escapeMarkdown(FINDING_KINDS[finding.kind]?.label ?? finding.kind)}: ${escapeMarkdown(finding.message)} | ${test ? `\`${escapeCode(test)}\`` : "\u2014"} | ${where} | ${finding.cells.map((name) => `\`${escapeCode(name)}\``).join(", ")} |`
      );
    }
    if (merged.findings.length > MAX_FINDINGS_SHOWN)
      lines.push("", `${merged.findings.length - MAX_FINDINGS_SHOWN} more findings in the merged report.json (in the --out folder).`);
    lines.push("");
  }
  lines.push(...baselineMarkdown(merged.baseline, escapeMarkdown, escapeCode));
  return lines.join("\n");
}

// src/cli/report-command.ts
var FORMATS2 = ["json", "markdown"];
var FAIL_ON_USAGE = `[--fail-on ${FAIL_ON_VALUES.join("|")}]`;
var reportCommand = {
  summary: "turn any debug-build logs (regrtest, showrefcount, debug hooks, sanitizers, valgrind XML, ...) into report.json or Markdown",
  usage: `Usage: pydebug report parse <log>... [--format json|markdown] [--out FILE] [--workspace DIR] ${FAIL_ON_USAGE}

Reads each log as a stream, detects what it contains from its content (regrtest and -R leaks,
-X showrefcount, gettotalrefcount series, PYTHONMALLOCSTATS, COUNT_ALLOCS, debug-hook dumps,
fatal errors and faulthandler tracebacks, ASan/LSan/UBSan, valgrind --xml=yes), and prints a
report (schemas/report-v1.schema.json) or a Markdown summary. Its findings are those pydebug run
gives for the same log, in the same words. --workspace strips that folder from paths (GitHub
runner checkouts are recognised without it). Exit code 0 when the logs were read, whatever they
contain, unless --fail-on says otherwise: 'findings' exits 1 on any finding (a test leaked,
crashed, failed, timed out or did not run), 'leaks' only for leaks (as in pydebug run; the
default here is 'never'); 2 for bad arguments or unreadable logs.

       pydebug report merge <folder or zip>... [--out DIR|FILE.md] [--title TEXT] [--baseline FILE]
                            [--matrix FILE] [--refused FILE] ${FAIL_ON_USAGE}

Rolls up the reports of a matrix run: every report.json below the folders (one folder per cell's
artifact, as actions/download-artifact lays them out) or inside artifact zips (as downloaded from a
run's page) belongs to one cell; the shards of a cell (pydebug-<cell>-cpyIofN) are one cell with
their counts added, a missing shard said so. It shows a grid of CPython versions x variants (clean,
leaks, memory errors, failed, refused, not run), each cell, and the union of the findings with the
cells that saw each (matched by identity: kind, test, place). --matrix and --refused take the matrix
action's outputs (pydebug matrix --format json): a planned cell without a report is 'not run', a
refused one 'refused'. --baseline takes a previous run's report.json (a cell's, or this command's):
each finding is new, unchanged or fixed. Markdown on stdout, or in FILE.md; --out DIR writes
DIR/summary.md and the merged DIR/report.json. Exit code from the findings as --fail-on says
(default 'never'; 'new' fails only on findings the baseline does not have), and 1 under any other
value when a cell broke, tested nothing or sent no report.`,
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === "merge") return mergeReportFolders(rest, io);
    if (subcommand !== "parse") {
      throw new ConfigError(
        `expected the subcommand 'parse' or 'merge', got ${subcommand === void 0 ? "nothing" : `'${subcommand}'`}. Usage: pydebug report parse <log>... [--format json|markdown] [--out FILE], or pydebug report merge <folder or zip>... [--out DIR]`
      );
    }
    const { values, positionals } = parseCommandArgs(
      rest,
      { format: { type: "string" }, out: { type: "string" }, workspace: { type: "string" }, "fail-on": { type: "string" } },
      true
    );
    const format = values.format ?? "json";
    if (!FORMATS2.includes(format)) throw new ConfigError(`--format: '${String(values.format)}' is not a format; use json or markdown.`);
    const failOn = failOnOf(values["fail-on"]);
    if (positionals.length === 0) throw new ConfigError("<log>: no log files given; pass one or more paths, e.g. pydebug report parse test.log");
    const logPaths = positionals.map((log) => path30.resolve(io.cwd, log));
    for (const [index, logPath2] of logPaths.entries()) {
      const info = await stat2(logPath2).catch(() => void 0);
      if (!info?.isFile())
        throw new ConfigError(`<log>: '${positionals[index]}' is not a readable file (resolved to ${logPath2}); pass paths of existing log files.`);
    }
    const outPath = typeof values.out === "string" ? path30.resolve(io.cwd, values.out) : void 0;
    const reportDir = outPath ? path30.dirname(outPath) : io.cwd;
    const workspace = typeof values.workspace === "string" ? path30.resolve(io.cwd, values.workspace) : void 0;
    const parsedLogs = [];
    for (const logPath2 of logPaths) {
      parsedLogs.push({ path: toPosix(path30.relative(reportDir, logPath2)), parsed: await parseLogFile(logPath2, workspace ? { workspace } : {}) });
    }
    const report = buildReport(parsedLogs, /* @__PURE__ */ new Date());
    const text3 = format === "json" ? `${JSON.stringify(report, null, 2)}
` : renderParsedMarkdown(report);
    if (outPath) {
      await writeFile2(outPath, text3).catch((error) => {
        throw new ConfigError(`--out: cannot write '${String(values.out)}' (${error.code ?? error.message}); pass a file in an existing folder.`);
      });
    } else io.stdout(text3);
    return findingsExitCode(report, failOn);
  }
};
function failOnOf(given) {
  const value = given?.trim() || "never";
  if (!FAIL_ON_VALUES.includes(value))
    throw new ConfigError(`${CLI_OPTION_NAMES.failOn} '${value}' is not allowed. Allowed: ${FAIL_ON_VALUES.join(", ")}.`);
  return value;
}
var BASELINE_FLAG = CLI_OPTION_NAMES.baseline.replace(/^--/, "");
var FAIL_ON_FLAG = CLI_OPTION_NAMES.failOn.replace(/^--/, "");
var MAX_REPORT_BYTES = 256 * 1024 * 1024;
async function mergeReportFolders(args, io) {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      out: { type: "string" },
      title: { type: "string" },
      [FAIL_ON_FLAG]: { type: "string" },
      [BASELINE_FLAG]: { type: "string" },
      matrix: { type: "string" },
      refused: { type: "string" }
    },
    true
  );
  const failOn = failOnOf(values[FAIL_ON_FLAG]);
  if (positionals.length === 0)
    throw new ConfigError(
      "<folder>: no folders or zips given; pass the folder that holds the cells' report folders or their artifact zips, e.g. pydebug report merge reports"
    );
  const found = [];
  const take = (where, folder, text3) => {
    const report = parseJsonOrNull(text3);
    if (report?.schema !== REPORT_SCHEMA_VERSION || !Array.isArray(report.findings))
      io.stderr(`pydebug report merge: ${where} is not a schema-${REPORT_SCHEMA_VERSION} report.json; left out
`);
    else if (report.kind === "rollup") io.stderr(`pydebug report merge: ${where} is a merged report, not a cell's; left out
`);
    else found.push({ folder, report });
  };
  for (const given of positionals) {
    const root = path30.resolve(io.cwd, given);
    const info = await stat2(root).catch(() => void 0);
    if (info?.isFile() && given.endsWith(".zip")) {
      await takeZip(root, given, path30.basename(given, ".zip"), take);
      continue;
    }
    if (!info?.isDirectory())
      throw new ConfigError(`<folder>: '${given}' is not a readable folder or .zip file (resolved to ${root}); pass report folders or artifact zips.`);
    const entries = (await readdir3(root, { recursive: true })).map(toPosix).sort();
    for (const entry of entries) {
      const file = path30.join(root, entry);
      if (path30.posix.basename(entry) === "report.json") {
        const folder = path30.posix.dirname(entry) === "." ? path30.basename(root) : path30.posix.dirname(entry);
        take(file, folder, await readFile5(file, "utf8").catch(() => void 0));
      } else if (entry.endsWith(".zip")) await takeZip(file, file, entry.slice(0, -".zip".length), take);
    }
  }
  const planned = [
    ...await planOf(values.matrix, "--matrix", io, readPlannedMatrix, "the matrix action's matrix output or pydebug matrix --format json"),
    ...await planOf(values.refused, "--refused", io, readRefusedCells, "the matrix action's refused output")
  ];
  const baselineGiven = values[BASELINE_FLAG];
  const baseline = baselineGiven?.trim() ? baselineOrError(await readFile5(path30.resolve(io.cwd, baselineGiven), "utf8").catch(() => void 0), baselineGiven) : void 0;
  const merged = mergeReports({
    reports: found,
    planned,
    ...baseline ? { baseline } : {},
    compareWithNothing: failOn === "new",
    title: typeof values.title === "string" ? values.title : "pydebug",
    toolVersion: TOOL_VERSION,
    generatedAt: (/* @__PURE__ */ new Date()).toISOString()
  });
  const markdown = renderRollupMarkdown(merged);
  await writeMerged(values.out, markdown, merged, io);
  if (failOn === "never") return 0;
  return findingsExitCode({ findings: [...merged.findings], ...merged.baseline ? { baseline: merged.baseline } : {} }, failOn) || (hasBrokenCells(merged) ? 1 : 0);
}
async function takeZip(file, given, folder, take) {
  const fail = (error) => {
    throw new ConfigError(`<folder>: '${given}' cannot be read as an artifact zip: ${error instanceof Error ? error.message : String(error)}.`);
  };
  const entries = await listZipEntries(file).catch(fail);
  for (const entry of entries.filter((candidate) => path30.posix.basename(candidate.name) === "report.json")) {
    const text3 = (await readZipEntry(file, entry, MAX_REPORT_BYTES).catch(fail)).toString("utf8");
    const inner = path30.posix.dirname(entry.name);
    take(`${given}:${entry.name}`, inner === "." ? folder : `${folder}/${inner}`, text3);
  }
}
async function planOf(given, flag, io, read, what) {
  if (typeof given !== "string" || given.trim() === "") return [];
  const text3 = await readFile5(path30.resolve(io.cwd, given), "utf8").catch(() => void 0);
  const reading = text3 === void 0 ? { ok: false, problem: "no such file, or it cannot be read" } : read(text3);
  if (!reading.ok) throw new ConfigError(`${flag} '${given}': ${reading.problem}. Give a file holding ${what}.`);
  return reading.cells;
}
async function writeMerged(out, markdown, merged, io) {
  if (typeof out !== "string") {
    io.stdout(markdown);
    return;
  }
  const target = path30.resolve(io.cwd, out);
  const cannot = (error) => {
    throw new ConfigError(`--out: cannot write '${out}' (${error.code ?? error.message}); pass a folder (or a .md file) in a place you can write.`);
  };
  if (out.endsWith(".md") || (await stat2(target).catch(() => void 0))?.isFile()) {
    await writeFile2(target, markdown).catch(cannot);
    return;
  }
  await mkdir5(target, { recursive: true }).catch(cannot);
  await writeFile2(path30.join(target, "summary.md"), markdown).catch(cannot);
  await writeFile2(path30.join(target, "report.json"), `${JSON.stringify(merged, null, 2)}
`).catch(cannot);
  io.stderr(`pydebug report merge: wrote ${path30.join(out, "summary.md")} and ${path30.join(out, "report.json")}
`);
}
function parseJsonOrNull(text3) {
  try {
    return text3 === void 0 ? null : JSON.parse(text3);
  } catch {
    return null;
  }
}
function toPosix(relative) {
  return relative.split(path30.sep).join("/");
}

// src/cli/run-command.ts
var RUN_USAGE = `Usage: pydebug run ${flagSynopsis("python")} ${flagSynopsis("extension")} [options]

Builds CPython X.Y.Z in a debug variant (or restores it from the cache), builds the C extension
in DIR against it, hunts reference leaks in its tests with regrtest -R, runs each test file once
with -X showrefcount, and writes report.json, summary.md and logs/ to the output folder.

Options:
${runOptionsHelp()}

Exit codes: 0 clean, 1 findings (see --fail-on; a run that tested nothing is a finding),
2 bad arguments, 3 source not found, 4 CPython build failed, 5 extension build failed,
70 internal error (a bug: please report it with the log), 130 / 143 cancelled by SIGINT /
SIGTERM (the running commands are ended; report.json says what ran before).`;
var runCommand = {
  summary: "build (or restore) a debug CPython, build an extension against it, hunt leaks, write a report",
  usage: RUN_USAGE,
  async run(args, io) {
    const config = parseRunConfig(args, io, { requireExtension: true });
    const cancel = io.cancelOnSignals?.();
    const context = await createStepContext(config, { env: io.env, workspace: io.cwd, log: createStreamLogger(io.stderr), ...cancel ? { cancel } : {} });
    const outcome = await runCell(config, context, io.env.PYTHONPATH);
    const { report } = outcome;
    io.stdout(`status: ${report.status}${report.error ? ` (${report.error.message.split("\n")[0]})` : ""}
`);
    for (const finding of report.findings) io.stdout(`  ${finding.kind}: ${finding.message}
`);
    io.stdout(`report: ${outcome.reportPath}
summary: ${outcome.summaryPath}
`);
    return outcome.exitCode;
  }
};

// src/plan/variant-table.ts
function onVersion(minor, result) {
  if (!result.ok) {
    const { reason, source, alternative } = result.refusal;
    return {
      minor,
      status: "refused",
      configureArgs: [],
      runtimeEnv: {},
      reason: `${reason.replace(/^.*?: /, "")} (${source})`,
      ...alternative ? { alternative } : {}
    };
  }
  const { cell } = result;
  return {
    minor,
    status: cell.substitution ? "equivalent" : "built",
    configureArgs: cell.configureArgs,
    runtimeEnv: cell.runtimeEnv,
    abiGroup: cell.extensionAbi,
    extensionRebuild: cell.extensionRebuild.need,
    ...cell.substitution ? { reason: `${cell.substitution.reason} (${cell.substitution.source})` } : {}
  };
}
function describeVariants(variants = VARIANTS, minors = KNOWN_MINORS.map((known) => known.minor)) {
  const versions = minors.map((minor) => ({ minor, python: parsePythonVersion(KNOWN_MINORS.find((known) => known.minor === minor).latest) }));
  return variants.map((variant) => ({
    name: variant.name,
    summary: variant.summary,
    configureArgs: variant.configureArgs,
    macros: variant.macros ?? [],
    runtimeEnv: variant.runtimeEnv ?? {},
    ...variant.source ? { source: variant.source } : {},
    versions: versions.map(({ minor, python }) => onVersion(minor, planCell(python, variant)))
  }));
}
function summarizeRanges(values, lastMinor) {
  const runs = [];
  for (const { minor, value } of values) {
    const run = runs[runs.length - 1];
    if (run && run.value === value) run.last = minor;
    else runs.push({ first: minor, last: minor, value });
  }
  return runs.map((run) => `${run.first === run.last ? run.first : run.last === lastMinor ? `${run.first}+` : `${run.first}\u2013${run.last}`}: ${run.value}`).join("; ");
}
var code2 = (text3) => text3 ? `\`${text3}\`` : "";
function changes(variant) {
  return [
    variant.configureArgs.length ? code2(variant.configureArgs.join(" ")) : "release build",
    ...variant.macros.map((macro) => `${code2(`-D${macro}`)} (CFLAGS)`),
    ...Object.keys(variant.runtimeEnv).length ? [
      `run with ${Object.entries(variant.runtimeEnv).map(([key, value]) => code2(`${key}=${value}`)).join(" ")}`
    ] : []
  ].join(", ");
}
function availability(variant, lastMinor) {
  return summarizeRanges(
    variant.versions.map(({ minor, status }) => ({ minor, value: status === "built" ? "yes" : status === "equivalent" ? "equivalent" : "refused" })),
    lastMinor
  );
}
function rebuild(variant, lastMinor) {
  const known = variant.versions.filter((version) => version.extensionRebuild);
  return known.length ? summarizeRanges(
    known.map(({ minor, extensionRebuild }) => ({ minor, value: extensionRebuild })),
    lastMinor
  ) : "\u2013";
}
function renderVariantsMarkdown(descriptions) {
  const lastMinor = descriptions[0]?.versions.at(-1)?.minor ?? "";
  const escapeCell = (text3) => text3.replace(/\|/g, "\\|");
  const rows = descriptions.map(
    (variant) => `| \`${variant.name}\` | ${escapeCell(variant.summary)} | ${escapeCell(changes(variant))} | ${rebuild(variant, lastMinor)} | ${availability(variant, lastMinor)} |`
  );
  const notes = descriptions.flatMap((variant) => {
    const byText = /* @__PURE__ */ new Map();
    for (const version of variant.versions.filter((candidate) => candidate.reason)) {
      const text3 = `${version.status === "refused" ? "refused" : "built as an equivalent"}: ${version.reason}${version.alternative ? ` Instead: ${version.alternative}.` : ""}`;
      byText.set(text3, [...byText.get(text3) ?? [], version.minor]);
    }
    return [...byText].map(
      ([text3, minors]) => `- \`${variant.name}\` on ${minors.length === 1 ? minors[0] : `${minors[0]}\u2013${minors[minors.length - 1]}`}, ${text3}`
    );
  });
  return [
    "| Variant | What it is | What it changes | Rebuild extensions | CPython versions |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "Extensions: `required` means a release-built extension must not be loaded (different ABI); `instrumented` means it would load, but the checks cannot see into it; `not-needed` means release builds are reused.",
    "",
    ...notes
  ].join("\n");
}
function alignedTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, column) => column === cells.length - 1 ? cell : cell.padEnd(widths[column])).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
function renderVariantsText(descriptions) {
  const single = descriptions[0]?.versions.length === 1;
  const lastMinor = descriptions[0]?.versions.at(-1)?.minor ?? "";
  const notes = [];
  let table2;
  if (single) {
    const minor = descriptions[0].versions[0].minor;
    table2 = alignedTable(
      ["VARIANT", `ON ${minor}`, "ABI GROUP", "EXTENSIONS", "CONFIGURE", "RUN WITH"],
      descriptions.map((variant) => {
        const version = variant.versions[0];
        if (version.reason)
          notes.push(
            `${variant.name}: ${version.status === "refused" ? "refused" : "built as an equivalent"}: ${version.reason}${version.alternative ? ` Instead: ${version.alternative}.` : ""}`
          );
        if (version.status === "refused") return [variant.name, "refused", "", "", "", ""];
        const env = Object.entries(version.runtimeEnv).map(([key, value]) => `${key}=${value}`).join(" ");
        return [
          variant.name,
          version.status === "built" ? "yes" : "equivalent",
          version.abiGroup ?? "",
          version.extensionRebuild ?? "",
          version.configureArgs.join(" ") || "(release build)",
          env
        ];
      })
    );
  } else {
    table2 = alignedTable(
      ["VARIANT", "VERSIONS", "EXTENSIONS", "CHANGES"],
      descriptions.map((variant) => [variant.name, availability(variant, lastMinor), rebuild(variant, lastMinor), changes(variant).replace(/`/g, "")])
    );
    for (const variant of descriptions) notes.push(`${variant.name}: ${variant.summary}${variant.source ? ` [${variant.source}]` : ""}`);
  }
  return `${table2}

${notes.join("\n")}
`;
}

// src/cli/variants-command.ts
var OPTIONS = {
  python: { type: "string" },
  format: { type: "string" }
};
var FORMATS3 = ["text", "markdown", "json"];
var USAGE2 = `Usage: pydebug variants [--python X.Y] [--format text|markdown|json]

Lists every built-in variant: what it changes (configure flags, macros, runtime environment),
whether extensions must be rebuilt, and on which CPython versions it exists. With --python,
shows each variant as it would be built on that version, or why it is refused.`;
var variantsCommand = {
  summary: "List the built-in debug variants, what they change and where they exist",
  usage: USAGE2,
  async run(args, io) {
    const { values } = parseCommandArgs(args, OPTIONS);
    const format = values.format ?? "text";
    if (!FORMATS3.includes(format))
      throw new ConfigError(`--format '${format}' is not allowed. Allowed: ${FORMATS3.join(", ")}.${perhaps(format, FORMATS3)}`);
    const minors = KNOWN_MINORS.map((known) => known.minor);
    if (values.python !== void 0 && !minors.includes(values.python)) {
      throw new ConfigError(
        `--python '${values.python}' is not a minor version the catalog knows. Allowed: ${minors.join(", ")}.${perhaps(values.python, minors)}`
      );
    }
    const descriptions = describeVariants(VARIANTS, values.python ? [values.python] : minors);
    if (format === "json") io.stdout(`${JSON.stringify(descriptions, null, 2)}
`);
    else if (format === "markdown") io.stdout(`${renderVariantsMarkdown(descriptions)}
`);
    else io.stdout(renderVariantsText(descriptions));
    return 0;
  }
};

// src/adapters/process-entry.ts
import { realpathSync } from "node:fs";
import { fileURLToPath as fileURLToPath2 } from "node:url";
function isProcessEntry(moduleUrl) {
  try {
    return process.argv[1] !== void 0 && realpathSync(process.argv[1]) === realpathSync(fileURLToPath2(moduleUrl));
  } catch {
    return false;
  }
}

// src/adapters/cancellation.ts
import { setMaxListeners } from "node:events";
function cancelOnSignals(tell) {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const onSignal = (signal) => {
    if (controller.signal.aborted) {
      tell(`${signal}: already ending the running commands; the report follows`);
      return;
    }
    tell(`${signal}: ending the running commands and writing the report of what ran`);
    controller.abort(new CancelledError(signal));
  };
  const handlers = Object.keys(CANCEL_EXIT_CODES).map((signal) => [signal, () => onSignal(signal)]);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return {
    signal: controller.signal,
    dispose() {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    }
  };
}

// src/entry/cli.ts
var COMMANDS = {
  run: runCommand,
  build: buildCommand,
  variants: variantsCommand,
  matrix: matrixCommand,
  report: reportCommand
};
function helpText() {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `pydebug ${TOOL_VERSION}: CPython debug builds, C extensions and refleak reports

Usage: pydebug <command> [options]

Commands:
${lines.join("\n")}

Run 'pydebug <command> --help' for a command's options.
`;
}
async function cli(argv, io) {
  const [name, ...args] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    io.stdout(helpText());
    return name === void 0 ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    io.stdout(`${TOOL_VERSION}
`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`pydebug: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(", ")}. Run 'pydebug --help'.
`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`${command.usage}
`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof PydebugError) {
      io.stderr(`pydebug ${name}: ${error.message}
`);
      return error.exitCode;
    }
    throw error;
  }
}
async function main() {
  let cancellation;
  const io = {
    stdout: (text3) => process.stdout.write(text3),
    stderr: (text3) => process.stderr.write(text3),
    cwd: process.cwd(),
    env: process.env,
    cancelOnSignals: () => {
      cancellation ??= cancelOnSignals((message) => process.stderr.write(`pydebug: ${message}
`));
      return cancellation.signal;
    }
  };
  try {
    process.exitCode = await cli(process.argv.slice(2), io);
  } catch (error) {
    process.stderr.write(`pydebug: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}
`);
    process.exitCode = INTERNAL_ERROR_EXIT_CODE;
  } finally {
    cancellation?.dispose();
  }
}
if (isProcessEntry(import.meta.url)) await main();
export {
  COMMANDS,
  cli,
  main
};
