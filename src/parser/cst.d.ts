// GENERATED from the grammar in parser.ts by generateCstDts; test/parser.test.ts checks it is current. Do not edit.
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface DocumentCstNode extends CstNode {
  name: "document";
  children: DocumentCstChildren;
}

export type DocumentCstChildren = {
  Text?: IToken[];
  CloseTag?: IToken[];
  formula?: FormulaCstNode[];
  directive?: DirectiveCstNode[];
};

export interface FormulaCstNode extends CstNode {
  name: "formula";
  children: FormulaCstChildren;
}

export type FormulaCstChildren = {
  FormulaOpen: IToken[];
  FormulaBody?: IToken[];
  FormulaClose?: IToken[];
};

export interface DirectiveCstNode extends CstNode {
  name: "directive";
  children: DirectiveCstChildren;
}

export type DirectiveCstChildren = {
  DirectiveStart?: IToken[];
  CloseStart?: IToken[];
  Variant?: IToken[];
  args?: ArgsCstNode[];
  attributes?: AttributesCstNode[];
  RCurly?: IToken[];
};

export interface ArgsCstNode extends CstNode {
  name: "args";
  children: ArgsCstChildren;
}

export type ArgsCstChildren = {
  ArgsOpen: IToken[];
  ArgText?: IToken[];
  ArgBracket?: IToken[];
  ArgBreak?: IToken[];
  ParenOpen?: IToken[];
  ParenClose?: IToken[];
  BraceOpen?: IToken[];
  BraceText?: IToken[];
  BraceClose?: IToken[];
  GroupOverflow?: IToken[];
  CloseTag?: IToken[];
  directive?: DirectiveCstNode[];
  ArgsClose?: IToken[];
};

export interface AttributesCstNode extends CstNode {
  name: "attributes";
  children: AttributesCstChildren;
}

export type AttributesCstChildren = {
  AttrsOpen: IToken[];
  attribute: (AttributeCstNode)[];
  Semicolon?: IToken[];
  AttrsClose?: IToken[];
};

export interface AttributeCstNode extends CstNode {
  name: "attribute";
  children: AttributeCstChildren;
}

export type AttributeCstChildren = {
  key?: IToken[];
  keyEquals?: IToken[];
  AttrText?: IToken[];
  AttrKey?: IToken[];
  Equals?: IToken[];
  BracketOpen?: IToken[];
  BracketText?: IToken[];
  BracketClose?: IToken[];
  BraceOpen?: IToken[];
  BraceText?: IToken[];
  BraceClose?: IToken[];
  GroupOverflow?: IToken[];
  CloseTag?: IToken[];
  directive?: DirectiveCstNode[];
};

export interface ICstNodeVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  document(children: DocumentCstChildren, param?: IN): OUT;
  formula(children: FormulaCstChildren, param?: IN): OUT;
  directive(children: DirectiveCstChildren, param?: IN): OUT;
  args(children: ArgsCstChildren, param?: IN): OUT;
  attributes(children: AttributesCstChildren, param?: IN): OUT;
  attribute(children: AttributeCstChildren, param?: IN): OUT;
}
