import { useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { Button } from './button';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard refused (plain http, permissions): select-and-copy by hand still works.
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <Button size="sm" variant="outline" onClick={() => void copy()} aria-label={label}>
      {copied ? <Check /> : <Copy />}
      {copied ? 'Copied' : label}
    </Button>
  );
}

/** A secret or command shown in full, selectable, with a copy button. */
export function CodeBlock({ text, label }: { text: string; label?: string }) {
  return (
    <div className="flex items-start gap-2 rounded-md border bg-muted p-2">
      <code className="min-w-0 flex-1 px-1 py-1 font-mono text-xs break-all whitespace-pre-wrap select-all">{text}</code>
      <CopyButton text={text} label={label} />
    </div>
  );
}
