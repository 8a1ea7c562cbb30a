# FeatureSync: the phone's web admin and SIP core in one image.
#   docker build -t featuresync .
#   docker run -p 8080:8080 -p 8443:8443 -p 5060:5060/udp -p 5060:5060/tcp -v featuresync-data:/data featuresync
# HTTPS on 8443 uses a self-signed certificate made in /data on the first start; the console
# prints its SHA-256 fingerprint.
# Demo (built-in PBX simulator, throwaway data, admin password "demo"):
#   docker run -p 8080:8080 -p 8443:8443 featuresync --demo

# ---- build: the .NET 10 SDK restores and publishes Phone.Web ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The image's platform (amd64, arm64): publishing for it compiles ahead of time (ReadyToRun, set in
# Phone.Web.csproj), which takes about 0.4 s off the start with 1,000 lines (docs/performance.md).
ARG TARGETARCH
WORKDIR /src
# Project files first so the restore layer is cached until a dependency changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY Phone.SipCore/Phone.SipCore.csproj Phone.SipCore/
COPY Phone.Storage/Phone.Storage.csproj Phone.Storage/
COPY Phone.Web/Phone.Web.csproj Phone.Web/
RUN dotnet restore Phone.Web/Phone.Web.csproj -a ${TARGETARCH:-amd64}
COPY Phone.SipCore/ Phone.SipCore/
COPY Phone.Storage/ Phone.Storage/
COPY Phone.Web/ Phone.Web/
COPY wwwroot-assets/ wwwroot-assets/
RUN dotnet publish Phone.Web/Phone.Web.csproj -c Release -a ${TARGETARCH:-amd64} --self-contained false -o /app --no-restore

# ---- run: the ASP.NET Core runtime only, as the image's non-root user ----
# No CJK font here: the image renders nothing itself. Chinese pages are drawn by the visitor's
# browser with its own fonts; Chromium and fonts-wqy-zenhei are needed only by the browser
# tests and screenshots, which test.sh sets up on the test machine.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS run
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown app:app /data
ENV ASPNETCORE_URLS=http://+:8080;https://+:8443 \
    FeatureSync__DataDirectory=/data \
    FeatureSync__Sip__Address=0.0.0.0 \
    FeatureSync__Sip__Port=5060
VOLUME /data
EXPOSE 8080 8443 5060/udp 5060/tcp
# Unprivileged. The start-up page-out of the framework's file pages (docs/performance.md,
# target 5) needs the files' owner, so here, over root-owned files, the kernel keeps most of
# them; only the assemblies' shared views leave (about 18 MiB of a 16-line phone).
USER app
# The runtime image has no curl: bash's /dev/tcp asks /healthz, which is open and holds no secrets.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q Healthy <&3"]
ENTRYPOINT ["dotnet", "Phone.Web.dll"]
