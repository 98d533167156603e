//! A bound on the connections the server holds at once. Each open
//! connection costs a read buffer that grows with what the client sends
//! (hundreds of kilobytes for a large body), so a thousand senders of large
//! bodies would set the memory the process takes; past the bound, a client
//! waits in the kernel's accept queue, which costs this process nothing.
//! Meta's webhooks are answered in milliseconds, so they never wait long.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Connections held at once: as many as the load bench keeps in flight
/// (64, far above what Meta opens); 128 large senders took a debug build
/// past 200 MB resident.
pub const MAX_CONNECTIONS: usize = 64;

/// A TCP listener that accepts while fewer than its bound are open.
pub struct Capped {
    inner: TcpListener,
    slots: Arc<Semaphore>,
}

impl Capped {
    pub fn new(inner: TcpListener, max: usize) -> Self {
        Self { inner, slots: Arc::new(Semaphore::new(max.max(1))) }
    }
}

/// An accepted connection holding its slot until it closes.
pub struct Slot {
    io: TcpStream,
    _slot: OwnedSemaphorePermit,
}

impl axum::serve::Listener for Capped {
    type Io = Slot;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        // The semaphore is never closed.
        let slot = self.slots.clone().acquire_owned().await.expect("open semaphore");
        let (io, addr) = axum::serve::Listener::accept(&mut self.inner).await;
        (Slot { io, _slot: slot }, addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// The most one read takes from a connection. The server's read buffer
/// grows to what a read brings (up to about 400 KB for a client sending a
/// large body fast); reads of this size keep it small, for every connection
/// held, at the cost of one copy of what is read.
pub const READ_AT_MOST: usize = 16 * 1024;

impl AsyncRead for Slot {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        if buf.remaining() <= READ_AT_MOST {
            return Pin::new(&mut self.io).poll_read(cx, buf);
        }
        let mut chunk = [0u8; READ_AT_MOST];
        let mut small = ReadBuf::new(&mut chunk);
        let polled = Pin::new(&mut self.io).poll_read(cx, &mut small);
        if let Poll::Ready(Ok(())) = polled {
            buf.put_slice(small.filled());
        }
        polled
    }
}

impl AsyncWrite for Slot {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}
