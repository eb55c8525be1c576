import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorMessage } from './ui/states';
import { Button } from './ui/button';

/** A render error shows what happened and a way out, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('console render error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    // A page chunk that no longer exists (the server was upgraded) is fixed by a reload.
    const stale = this.state.error instanceof Error && /dynamically imported module|Importing a module script failed/.test(this.state.error.message);
    return (
      <div className="mx-auto max-w-xl p-8">
        <ErrorMessage title={stale ? 'The console was updated' : 'This page failed to display'} error={stale ? 'Reload to get the new version.' : this.state.error} />
        <div className="mt-4 flex gap-2">
          <Button onClick={() => location.reload()}>Reload</Button>
          <Button variant="outline" onClick={() => this.setState({ error: undefined })}>
            Try again
          </Button>
        </div>
      </div>
    );
  }
}
