/**
 * The examples built into the playground (files given to the build come
 * first). Each shows a part of the dialect and is short enough to read.
 */
export interface Example {
  name: string
  text: string
}

const tour = `# A tour of the dialect

## {heading(Notes and cuts)[id=notes]}

{note:info}
A **note**. The kinds are \`info\`, \`warn\` and \`err\`.
{/note}

{note:warn}
Change the build target above: the paragraph under *Targets* changes.
{/note}

{cut(A question, folded)}
The answer is hidden until the title is clicked. Links work inside:
see {linkto(#table)[text=table %number]}.
{/cut}

## {heading(Tabs)[id=tabs]}

{tabs}
{tab(Linux)}
\`\`\`bash
sudo apt-get install -y chromium
\`\`\`
{/tab}
{tab(Windows)}
Download the installer and run it.
{/tab}
{/tabs}

## {heading(Targets)[id=targets]}

{ifdef(public)}
This line is built for the **public** site only.
{/ifdef}
{ifndef(public)}
This line is built for every target but public.
{/ifndef}

## {heading(Numbered captions)[id=captions]}

{caption(Table {counter(table)[id=numb_table]} — Plans)[align=right;position=above;id=table;number={const(numb_table)}]}
| Plan | vCPU | RAM |
|------|-----:|----:|
| Small | 2 | 4 GB |
| Large | 8 | 32 GB |
{/caption}

Directives inside code stay text: \`{cut(not a cut)}\`.
`

const problems = `# A page with problems

Each problem below is listed under the editor; click one to select its text.

{cut(A cut that is never closed)}
Its answer runs to the end of the page.

{linkto(#nowhere)}

{note:tip}
\`tip\` is not a note kind.
{/note}

{/tabs}

{tabs}
Text outside every tab.
{/tabs}
`

export const builtInExamples: readonly Example[] = [
  {name: 'Dialect tour', text: tour},
  {name: 'Problems', text: problems},
]
