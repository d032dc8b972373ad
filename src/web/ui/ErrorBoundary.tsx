import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorPanel } from './ErrorPanel.js';

interface ErrorBoundaryProps {
  homeHref: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  failed: boolean;
}

/**
 * Catches render errors outside the router (the router has its own error pages) and shows a
 * friendly page instead of a blank screen. The error itself is not shown: it may hold patient data.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Visible to whoever is debugging in this browser only; nothing is sent anywhere.
    console.error('Unhandled error in the app shell', error, info.componentStack);
  }

  override render() {
    return this.state.failed ? <ErrorPanel homeHref={this.props.homeHref} /> : this.props.children;
  }
}
